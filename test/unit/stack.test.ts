// The CDK stack as deployed: resources, runtimes, routes, the state machine.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, API_JOBS } from '../../infra/routes.ts';
import { TongketStack } from '../../infra/stack.ts';
import { WORKFLOW_JOBS } from '../../infra/state-machine.ts';
import { parseKeySet } from '../../shared/adapters/signing-key.ts';
import { TABLE_KEYS } from '../../shared/adapters/table-keys.ts';

describe('the CDK stack', () => {
  let template: Template;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    template = Template.fromStack(new TongketStack(app, 'Test', { env: { account: '123456789012', region: 'ap-southeast-1' } }));
  });

  it('has one Lambda per job, all on Node 22 on ARM with tracing', () => {
    const functions = template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { TONGKET_JOB: Match.anyValue() } } } });
    const jobs = Object.values(functions).map((f) => f.Properties.Environment.Variables.TONGKET_JOB).sort();
    expect(jobs).toEqual([...API_JOBS, ...WORKFLOW_JOBS].sort());
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Timeout).toBeLessThanOrEqual(900);
    }
  });

  it('routes every entry of the route table through the HTTP API', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey).sort();
    expect(routes).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
    });
  });

  it('keeps the data safe: table with PITR and deletion protection, private versioned encrypted TLS-only bucket, a signing-key secret', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'subtree' })],
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.objectLike({}),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });

  it('starts the signing secret as a one-key set that tongket rotate-key extends, and lets revocations expire', () => {
    const [secret] = Object.values(template.findResources('AWS::SecretsManager::Secret')) as { Properties: { GenerateSecretString: { SecretStringTemplate: string; GenerateStringKey: string } } }[];
    const generated = secret!.Properties.GenerateSecretString;
    // What CloudFormation will store: the template with the random string under GenerateStringKey.
    const stored = JSON.stringify({ ...JSON.parse(generated.SecretStringTemplate), [generated.GenerateStringKey]: 'x'.repeat(64) });
    expect(parseKeySet(stored)).toEqual({ current: generated.GenerateStringKey, keys: { [generated.GenerateStringKey]: 'x'.repeat(64) } });
    template.hasResourceProperties('AWS::DynamoDB::Table', { TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttl, Enabled: true } });
  });

  it('runs the cycle as one Standard state machine with logging and tracing', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ERROR' }),
    });
  });

  it('lets only the jobs that start or resume the cycle talk to the state machine', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const withSendTask = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('states:SendTaskSuccess'));
    const roles = withSendTask.flatMap((p) => p.Properties.Roles.map((r: { Ref: string }) => r.Ref)).sort();
    // Least privilege: only the close sends the waiting execution its token; opening and
    // reopening only start executions.
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatch(/closecycle/i);
  });
});
