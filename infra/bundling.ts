// A module of its own (no aws-cdk-lib): the bench's child processes read it too.

/**
 * Constants a Lambda bundle is built with: code that only the embedded server runs (the health
 * job's probes of DynamoDB Local and s3rver) tests `process.env.TONGKET_LAMBDA_BUNDLE`, and
 * esbuild drops the branch, with what it alone imports, from the Lambda's bundle.
 */
export const LAMBDA_DEFINE: Readonly<Record<string, string>> = { 'process.env.TONGKET_LAMBDA_BUNDLE': '"true"' };
