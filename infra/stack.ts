import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, type CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
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
const fontCopyHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir: string, outputDir: string) => [
    `mkdir -p "${outputDir}/fonts"`,
    ...BUNDLED_FONT_FILES.map((file) => `cp "${path.join(fontPackageDir, file)}" "${outputDir}/fonts/"`),
  ],
};

/** Jobs that start or resume the cycle's execution. */
const WORKFLOW_STARTERS = new Set(['open-cycle', 'close-cycle', 'reopen-report']);
/** Jobs that only read. */
const READ_ONLY = new Set(['get-cycle', 'get-report', 'list-reports', 'get-published', 'pages', 'health']);

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
    });
    table.addGlobalSecondaryIndex({
      indexName: TABLE_KEYS.subtreeIndex,
      partitionKey: { name: TABLE_KEYS.gsi1pk, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.gsi1sk, type: dynamodb.AttributeType.STRING },
    });

    const bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const signingKey = new secretsmanager.Secret(this, 'SigningKey', {
      description: 'Tổng kết: HMAC key that signs access tokens (tongket token)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    const environment = {
      TABLE_NAME: table.tableName,
      BUCKET_NAME: bucket.bucketName,
      SIGNING_KEY_SECRET_ARN: signingKey.secretArn,
      TONGKET_DOWNLOADS: 'presign',
      NODE_OPTIONS: '--enable-source-maps',
    };

    const makeFunction = (job: string) => {
      const logGroup = new logs.LogGroup(this, `Logs-${job}`, {
        retention: logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.DESTROY,
      });
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
        environment: { ...environment, TONGKET_JOB: job, ...(job === 'render-report' ? { TONGKET_FONT_DIR: '/var/task/fonts' } : {}) },
        bundling: {
          format: OutputFormat.ESM,
          minify: true,
          sourceMap: true,
          target: 'node22',
          // pdfkit and some SDK parts still call require(); give ESM bundles one.
          banner: "import { createRequire as __tongketRequire } from 'module'; const require = __tongketRequire(import.meta.url);",
          // The report's fonts travel beside the bundle; shared/pdf/fonts.ts reads them there.
          commandHooks: job === 'render-report' ? fontCopyHooks : undefined,
        },
      });
      if (READ_ONLY.has(job)) {
        table.grantReadData(fn);
        bucket.grantRead(fn);
      } else {
        table.grantReadWriteData(fn);
        bucket.grantReadWrite(fn);
      }
      signingKey.grantRead(fn);
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

    const api = new HttpApi(this, 'Api', {
      description: 'Tổng kết HTTP API',
      createDefaultStage: true,
    });
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

    for (const job of API_JOBS) {
      const fn = makeFunction(job);
      if (WORKFLOW_STARTERS.has(job)) {
        fn.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
        this.stateMachine.grantStartExecution(fn);
        this.stateMachine.grantTaskResponse(fn);
        this.stateMachine.grantRead(fn);
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
