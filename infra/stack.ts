import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, type CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { API_JOBS, ROUTES } from './routes.ts';
import { buildCycleDefinition, WORKFLOW_JOBS, type WorkflowJob } from './state-machine.ts';
import { TABLE_KEYS } from '../shared/adapters/table-keys.ts';
import { BUNDLED_FONT_FILES } from '../shared/pdf/fonts.ts';

/** The first key of a new stack's key set (shared/adapters/signing-key.ts). */
const INITIAL_KID = 'k1';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Jobs that do real work get more memory (CPU scales with it); the rest stay small and cheap. */
const MEMORY_MB: Record<string, number> = {
  'render-report': 2048,
  'aggregate-unit': 1024,
  'rollup-province': 1024,
  'import-registry': 1024,
  'get-cycle': 1024,
};
const TIMEOUT: Record<string, Duration> = {
  'render-report': Duration.minutes(14),
  'aggregate-unit': Duration.minutes(5),
  'rollup-province': Duration.minutes(5),
  'select-commendations': Duration.minutes(5),
  'review-gate': Duration.minutes(5),
  // An HTTP API integration gives up after 30 s; a longer Lambda would only run on unseen.
  'import-registry': Duration.seconds(29),
};
const fontPackageDir = path.join(projectRoot, 'node_modules', '@expo-google-fonts', 'tinos');
/** pdfkit reads the sRGB profile of a PDF/A document from `./data` beside its module, i.e. beside the bundle. */
const pdfkitIccProfile = path.join(projectRoot, 'node_modules', 'pdfkit', 'js', 'data', 'sRGB_IEC61966_2_1.icc');
const fontCopyHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir: string, outputDir: string) => [
    `mkdir -p "${outputDir}/fonts" "${outputDir}/data"`,
    ...BUNDLED_FONT_FILES.map((file) => `cp "${path.join(fontPackageDir, file)}" "${outputDir}/fonts/"`),
    `cp "${pdfkitIccProfile}" "${outputDir}/data/"`,
  ],
};

/**
 * Left out of every bundle: the Node.js 22 Lambda runtime ships the AWS SDK for JavaScript v3
 * (`@aws-sdk/*` with its `@smithy/*` dependencies), so the functions import the runtime's
 * copy. This is NodejsFunction's default for Node 18+ runtimes, stated here because the
 * bundle sizes (BENCHMARKS.md) depend on it; bench/bundles.ts bundles with the same list.
 */
export const LAMBDA_EXTERNAL_MODULES: readonly string[] = ['@aws-sdk/*'];

/**
 * What each job may touch, and nothing more (least privilege). Every job of the route table and
 * of the state machine must have an entry (test/unit/nag.test.ts checks it), so a new job is a
 * decision, not a default.
 * - table: 'read' = GetItem/Query; 'write' adds the item writes a TransactWriteItems needs.
 * - files: the bucket's cycles/ prefix; 'read' includes ListBucket so that a missing key
 *   answers NoSuchKey (the close reads "is this file there?"), not AccessDenied.
 * - workflow: 'start' = StartExecution; 'resume' = SendTaskSuccess (the waiting execution's token).
 * - token: reads the signing-key secret to verify bearer tokens; such a job also reads the
 *   revocations and the registry from the table on each request, so it needs table access.
 */
export interface JobAccess {
  table?: 'read' | 'write';
  files?: 'read' | 'write' | 'readwrite';
  workflow?: readonly ('start' | 'resume')[];
  token?: boolean;
}
export const JOB_ACCESS: Record<string, JobAccess> = {
  // HTTP API
  health: {},
  pages: {},
  'open-cycle': { table: 'write', workflow: ['start'], token: true },
  'get-cycle': { table: 'read', token: true },
  'import-registry': { table: 'write', token: true },
  'list-reports': { table: 'read', token: true },
  'submit-report': { table: 'write', token: true },
  'get-report': { table: 'read', token: true },
  'review-report': { table: 'write', token: true },
  'reopen-report': { table: 'write', workflow: ['start'], token: true },
  'close-cycle': { table: 'write', workflow: ['start', 'resume'], token: true },
  'get-published': { table: 'read', files: 'read', token: true },
  'revoke-token': { table: 'write', token: true },
  // The cycle's state machine
  // A close requested before the wait began is caught by the state machine (CloseAlreadyRequested): no token to send.
  'await-close': { table: 'write' },
  'check-auto-close': { table: 'write' },
  freeze: { table: 'write' },
  'review-gate': { table: 'write' },
  'aggregate-unit': { table: 'read', files: 'write' },
  'rollup-province': { table: 'write', files: 'readwrite' },
  'select-commendations': { table: 'write', files: 'readwrite' },
  'render-report': { table: 'write', files: 'readwrite' },
  publish: { table: 'write' },
  'record-failure': { table: 'write' },
};
const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:Query'];
const TABLE_WRITE = [...TABLE_READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];
/** Prefix of every object the stack writes (shared/adapters/table-keys.ts fileKey). */
const FILES_PREFIX = 'cycles/';

/** Why the remaining cdk-nag AwsSolutions findings are accepted; each is acknowledged where it arises. */
export const NAG_REASONS = {
  apiAuthorization:
    'Every route but /health and the public pages verifies an HS256 bearer token in the shared middy chain (shared/http/handler.ts) and checks role and scope per association; the public routes are public by the SPEC. An API Gateway authorizer would duplicate that check and could not decide the per-association scope.',
  xrayWildcard:
    'X-Ray tracing (required) needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permission: Resource "*" is the only form AWS accepts.',
  stateMachineWildcard:
    'The state machine role has Resource "*" only for X-Ray tracing and for CloudWatch Logs vended-log delivery (logs:CreateLogDelivery and the like), both without resource-level permissions in IAM; its Lambda grants are per function.',
  objectKeys:
    'Object keys are created at run time per cycle and revision (cycles/<year>/r<n>/…); the grant is limited to the cycles/ prefix of this one bucket and to the actions the job uses.',
  lambdaVersions:
    'The state machine may invoke only its own Task functions; CDK LambdaInvoke grants each named function and its qualified versions (<arn>:*), nothing else.',
  runtime:
    'Node.js 22 is a supported LTS Lambda runtime; the bundles target node22 and the code is tested on Node 20/22. Moving to a newer runtime is a deliberate upgrade, not a drift.',
  secretRotation:
    'The secret is the set of HMAC keys of the access tokens mailed to associations for the whole cycle. It is rotated by the province administrator with `tongket rotate-key`, which adds a key and keeps the earlier ones verifying until their tokens expire; a Secrets Manager rotation Lambda would have to repeat that logic and would start new keys at times nobody chose.',
  stateMachineLogLevel:
    'Logging at ERROR records every failed state with its cause (what an operator acts on) and RecordFailure keeps the cause on the cycle; ALL would log each Map iteration of every close at no gain. Tracing is on.',
  accessLogBucket:
    'This bucket is the destination of the files bucket\'s server access logs; logging it to itself would loop.',
} as const;

export class TongketStack extends Stack {
  readonly functions: Record<string, NodejsFunction> = {};
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.pk, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sk, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Revocations (pk REVOKED) expire once no token they name can be valid.
      timeToLiveAttribute: TABLE_KEYS.ttl,
    });
    table.addGlobalSecondaryIndex({
      indexName: TABLE_KEYS.subtreeIndex,
      partitionKey: { name: TABLE_KEYS.gsi1pk, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.gsi1sk, type: dynamodb.AttributeType.STRING },
    });

    // Server access logs of the files bucket (who downloaded which report), kept a year.
    const accessLogBucket = new s3.Bucket(this, 'FilesAccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogBucket).acknowledge({ id: 'AwsSolutions::AwsSolutions-S1', reason: NAG_REASONS.accessLogBucket });
    const bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogBucket,
      serverAccessLogsPrefix: 'files/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The key set of shared/adapters/signing-key.ts: {"current":"k1","k1":"<random>"} at first;
    // `tongket rotate-key` adds keys and moves `current`.
    const signingKey = new secretsmanager.Secret(this, 'SigningKey', {
      description: 'Tổng kết: HMAC keys that sign access tokens (tongket token, tongket rotate-key)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ current: INITIAL_KID }),
        generateStringKey: INITIAL_KID,
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    Validations.of(signingKey).acknowledge({ id: 'AwsSolutions::AwsSolutions-SMG4', reason: NAG_REASONS.secretRotation });

    const environment = {
      TABLE_NAME: table.tableName,
      BUCKET_NAME: bucket.bucketName,
      SIGNING_KEY_SECRET_ARN: signingKey.secretArn,
      TONGKET_DOWNLOADS: 'presign',
      NODE_OPTIONS: '--enable-source-maps',
    };

    const makeFunction = (job: string) => {
      const access = JOB_ACCESS[job];
      if (!access) throw new Error(`infra/stack.ts JOB_ACCESS has no entry for job ${job}: say what it may touch`);
      const logGroup = new logs.LogGroup(this, `Logs-${job}`, {
        retention: logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      // Its own role instead of AWSLambdaBasicExecutionRole (which may write to any log group):
      // this function writes to its own log group only.
      const role = new iam.Role(this, `Role-${job}`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Tong ket: the ${job} function`,
      });
      logGroup.grantWrite(role);
      Validations.of(role).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: NAG_REASONS.xrayWildcard });
      const fn = new NodejsFunction(this, `Fn-${job}`, {
        entry: path.join(projectRoot, 'functions', job, 'handler.ts'),
        handler: 'handler',
        projectRoot,
        depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: MEMORY_MB[job] ?? 512,
        timeout: TIMEOUT[job] ?? Duration.seconds(10),
        tracing: lambda.Tracing.ACTIVE,
        logGroup,
        role,
        environment: { ...environment, TONGKET_JOB: job, ...(job === 'render-report' ? { TONGKET_FONT_DIR: '/var/task/fonts' } : {}) },
        bundling: {
          format: OutputFormat.ESM,
          minify: true,
          sourceMap: true,
          target: 'node22',
          externalModules: [...LAMBDA_EXTERNAL_MODULES],
          // pdfkit and some SDK parts still call require(); give ESM bundles one.
          banner: "import { createRequire as __tongketRequire } from 'module'; const require = __tongketRequire(import.meta.url);",
          // The report's fonts travel beside the bundle; shared/pdf/fonts.ts reads them there.
          commandHooks: job === 'render-report' ? fontCopyHooks : undefined,
        },
      });
      Validations.of(fn).acknowledge({ id: 'AwsSolutions::AwsSolutions-L1', reason: NAG_REASONS.runtime });
      if (access.table) {
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: access.table === 'read' ? TABLE_READ : TABLE_WRITE,
            resources: [table.tableArn, `${table.tableArn}/index/${TABLE_KEYS.subtreeIndex}`],
          }),
        );
      }
      if (access.files) {
        const actions = [
          ...(access.files === 'write' ? [] : ['s3:GetObject']),
          ...(access.files === 'read' ? [] : ['s3:PutObject']),
        ];
        role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(`${FILES_PREFIX}*`)] }));
        if (access.files !== 'write') {
          role.addToPrincipalPolicy(
            new iam.PolicyStatement({
              actions: ['s3:ListBucket'],
              resources: [bucket.bucketArn],
              conditions: { StringLike: { 's3:prefix': [`${FILES_PREFIX}*`] } },
            }),
          );
        }
        Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/${FILES_PREFIX}*]`, reason: NAG_REASONS.objectKeys });
      }
      if (access.token) signingKey.grantRead(role);
      this.functions[job] = fn;
      return fn;
    };

    const workflowFunctions = Object.fromEntries(WORKFLOW_JOBS.map((job) => [job, makeFunction(job)])) as Record<WorkflowJob, NodejsFunction>;

    const stateMachineLogs = new logs.LogGroup(this, 'CycleStateMachineLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'CycleStateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(buildCycleDefinition(this, workflowFunctions)),
      tracingEnabled: true,
      logs: { destination: stateMachineLogs, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    });
    Validations.of(this.stateMachine).acknowledge({ id: 'AwsSolutions::AwsSolutions-SF1', reason: NAG_REASONS.stateMachineLogLevel });
    Validations.of(this.stateMachine.role).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: NAG_REASONS.stateMachineWildcard });
    for (const fn of Object.values(workflowFunctions)) {
      const logicalId = this.getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
      Validations.of(this.stateMachine.role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`, reason: NAG_REASONS.lambdaVersions });
    }

    const api = new HttpApi(this, 'Api', {
      description: 'Tổng kết HTTP API',
      createDefaultStage: true,
    });
    Validations.of(api).acknowledge({ id: 'AwsSolutions::AwsSolutions-APIG4', reason: NAG_REASONS.apiAuthorization });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = api.defaultStage?.node.defaultChild as CfnStage | undefined;
    if (stage) {
      stage.accessLogSettings = {
        destinationArn: accessLogs.logGroupArn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          requestTime: '$context.requestTime',
          routeKey: '$context.routeKey',
          status: '$context.status',
          responseLength: '$context.responseLength',
          integrationError: '$context.integrationErrorMessage',
        }),
      };
      stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    }

    for (const job of API_JOBS) makeFunction(job);
    for (const [job, fn] of Object.entries(this.functions)) {
      const workflow = JOB_ACCESS[job]?.workflow ?? [];
      if (workflow.includes('start')) {
        fn.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
        this.stateMachine.grantStartExecution(fn);
      }
      if (workflow.includes('resume')) {
        // A policy of its own, not the role's default one: a job the state machine invokes must
        // not depend on the state machine (a circular dependency).
        new iam.Policy(this, `Resume-${job}`, {
          roles: [fn.role!],
          statements: [new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [this.stateMachine.stateMachineArn] })],
        });
      }
    }
    for (const route of ROUTES) {
      const fn = this.functions[route.job]!;
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`Integration-${route.method}-${route.path}`, fn),
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'SigningKeySecretArn', { value: signingKey.secretArn });
  }
}
