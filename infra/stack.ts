import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CfnOutput, CfnParameter, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
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
import { API_JOBS, ROUTES, THROTTLES } from './routes.ts';
import { buildCycleDefinition, buildPeriodDefinition, PERIOD_WORKFLOW_JOBS, WORKFLOW_JOBS, type PeriodWorkflowJob, type WorkflowJob } from './state-machine.ts';
import { EXPORT_FILES_PREFIX, PERIOD_FILES_PREFIX, TABLE_KEYS } from '../shared/adapters/table-keys.ts';
import { BUNDLED_FONT_FILES } from '../shared/pdf/fonts.ts';
import { BASE_URL } from '../shared/env.ts';
import { LAMBDA_DEFINE } from './bundling.ts';

/** The first key of a new stack's key set (shared/adapters/signing-key.ts). */
const INITIAL_KID = 'k1';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Jobs that do real work get more memory (CPU scales with it); the rest stay small and cheap. */
export const MEMORY_MB: Record<string, number> = {
  'render-report': 2048,
  'render-period': 2048,
  'read-period-years': 1024,
  'aggregate-unit': 1024,
  'rollup-province': 1024,
  'import-registry': 1024,
  'get-cycle': 1024,
  // signing a province's links (thousands) and writing them as a workbook
  'list-links': 1024,
  'list-reports': 1024,
  // 50,000 associations in one workbook within the HTTP API's 29 s: ~370 MiB at its peak
  // (BENCHMARKS.md, exports), the memory bought for the CPU that comes with it.
  'export-workbook': 2048,
};
const TIMEOUT: Record<string, Duration> = {
  'render-report': Duration.minutes(14),
  'render-period': Duration.minutes(14),
  'read-period-years': Duration.minutes(5),
  'select-period-commendations': Duration.minutes(5),
  'aggregate-unit': Duration.minutes(5),
  'rollup-province': Duration.minutes(5),
  'select-commendations': Duration.minutes(5),
  'review-gate': Duration.minutes(5),
  // An HTTP API integration gives up after 30 s; a longer Lambda would only run on unseen.
  'import-registry': Duration.seconds(29),
  // The first download of a province's links issues one conditional put per association.
  'list-links': Duration.seconds(29),
  // ?format=csv|xlsx reads the whole filtered list.
  'list-reports': Duration.seconds(29),
  'export-workbook': Duration.seconds(29),
};
/**
 * Reserved concurrency of the jobs that write on a caller's request: a flood on one of them
 * can neither take the account's whole Lambda concurrency from the close nor run more writers
 * at once than the table and the transaction conflicts make useful. Each is at least the
 * burst of its routes (test/unit/stack.test.ts checks it), so API Gateway's own throttle
 * answers 429 before Lambda throttling could turn a request into a 5xx. The sum (95) comes
 * from the account's unreserved pool, which must keep 100: an account still at a low
 * concurrency quota (new accounts may have 10) has to raise it before deploying.
 */
export const RESERVED_CONCURRENCY: Record<string, number> = {
  'submit-report': 40,
  'review-report': 20,
  'import-registry': 5,
  'open-cycle': 5,
  'close-cycle': 5,
  'reopen-report': 5,
  'update-document': 5,
  'publish-cycle': 5,
  'create-period': 5,
  'close-period': 5,
  'renew-link': 5,
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
 * The pages job serves the built front-end (web/build.ts): built into the bundle's web/
 * directory, where shared/pages/web-assets.ts reads it ($LAMBDA_TASK_ROOT/web).
 */
const tsxLoader = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const webBuildHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir: string, outputDir: string) => [
    // The hook runs in the bundle's directory: tsx is named by its path, not looked up from there.
    `"${process.execPath}" --import "${pathToFileURL(tsxLoader).href}" "${path.join(projectRoot, 'web', 'build.ts')}" --out "${outputDir}/web"`,
  ],
};
const COMMAND_HOOKS: Record<string, typeof fontCopyHooks> = { 'render-report': fontCopyHooks, 'render-period': fontCopyHooks, pages: webBuildHooks };
/** The jobs that render a PDF: the fonts travel beside their bundle. */
const FONT_JOBS = new Set(['render-report', 'render-period']);

/**
 * The AWS SDK for JavaScript v3 (`@aws-sdk/*` and its `@smithy/*` parts) is bundled into every
 * Lambda, at the versions of package-lock.json, not left to the copy the Node.js runtime ships.
 * AWS's guidance for anything beyond a console snippet is to bundle the SDK you tested: the
 * runtime's copy is a version nobody here ran, which AWS updates without notice, and a package
 * it lacks fails on the first request after deploy. The tests and the bench run these versions;
 * test/integration/deploy-rehearsal.test.ts imports each bundle cdk synth built with plain node
 * in a directory with no node_modules. The cost is size (API bundles ~0.5–0.8 MB instead of
 * ~0.1–0.2 MB); the init time, measured both ways, is in BENCHMARKS.md (bench/sdk.ts).
 *
 * `module` before `main`: the SDK's packages (and most others) publish an ES module build beside
 * the CommonJS one; esbuild tree-shakes ES modules but keeps a CommonJS module whole, so with
 * esbuild's default order (`main` first) the bundled SDK is ~30 % larger and slower to load.
 */
export const LAMBDA_MAIN_FIELDS: readonly string[] = ['module', 'main'];

export { LAMBDA_DEFINE };

/**
 * Modules a job loads only for some requests (`await import`), installed beside its bundle
 * (NodejsFunction's nodeModules) instead of bundled: exceljs alone (~1 MB minified) is more than
 * an API bundle's whole budget (bench/run.ts), and the import and the lists need it only when a workbook arrives or is asked for
 * (shared/format/workbook.ts). The bundle stays small, its init does not read it, and a
 * workbook loads it from /var/task/node_modules. test/unit/stack.test.ts checks that no bundle
 * holds one of them.
 */
export const LAMBDA_INSTALLED_MODULES: Readonly<Record<string, readonly string[]>> = { 'import-registry': ['exceljs'], 'list-links': ['exceljs'], 'list-reports': ['exceljs'], 'export-workbook': ['exceljs'] };

/** What a job's bundle leaves out: only the modules installed beside it (the AWS SDK is bundled). */
export const externalModulesOf = (job: string): string[] => [...(LAMBDA_INSTALLED_MODULES[job] ?? [])];

/**
 * What each job may touch, and nothing more (least privilege). Every job of the route table and
 * of the state machine must have an entry (test/unit/nag.test.ts checks it), so a new job is a
 * decision, not a default.
 * - table: the DynamoDB actions the job's code calls, exactly (test/unit/stack.test.ts bundles
 *   each job and derives the list from the commands in its bundle; a TransactWriteItems needs
 *   the action of each kind of item it holds: Put, Update, Delete, ConditionCheck).
 * - files: the bucket's cycles/ prefix; 'read' includes ListBucket so that a missing key
 *   answers NoSuchKey (the close reads "is this file there?"), not AccessDenied.
 * - workflow: 'start' = StartExecution; 'resume' = SendTaskSuccess (the waiting execution's token).
 * - token: reads the signing-key secret to verify bearer tokens; such a job also reads the
 *   revocations and the registry from the table on each request, so it needs table access.
 * - mail: sends reminders and notices (SPEC section 3): ses:SendEmail from the sender identity
 *   given at deployment (parameter MailSenderAddress) and nothing else; the access links in the
 *   messages are made with the API's address (PUBLIC_BASE_URL).
 */
export type TableAction = 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'BatchGetItem' | 'DeleteItem' | 'ConditionCheckItem' | 'BatchWriteItem';
export interface JobAccess {
  table?: readonly TableAction[];
  files?: 'read' | 'write' | 'readwrite';
  /** the bucket's periods/ prefix (a period review's files), as `files` for cycles/ */
  periodFiles?: 'read' | 'write' | 'readwrite';
  /** the bucket's exports/ prefix: workbooks built on request, handed out by a short-lived link (AWS) */
  exportFiles?: 'readwrite';
  /** 'startPeriod' = StartExecution of the period review's state machine */
  workflow?: readonly ('start' | 'resume' | 'startPeriod')[];
  token?: boolean;
  mail?: boolean;
}
const CYCLE_STEP: readonly TableAction[] = ['GetItem', 'UpdateItem'];
const REPORT_WRITE: readonly TableAction[] = ['GetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem'];
export const JOB_ACCESS: Record<string, JobAccess> = {
  // Every job that takes a token reads the cycle, its registry version (a GetItem; the root by
  // a Query when a province token names another unit) and the token's revocation (GetItem).
  // HTTP API
  health: {},
  pages: {},
  // Reading associations joins registry rows (Query) with report states (BatchGetItem). The
  // cycle and its index item (CYCLES) are one transaction of two puts.
  'open-cycle': { table: ['GetItem', 'Query', 'BatchGetItem', 'PutItem', 'UpdateItem'], workflow: ['start'], token: true },
  'get-cycle': { table: ['GetItem', 'Query', 'BatchGetItem'], token: true },
  // The cycles' index (Query), then each cycle's status, revision and deadline (BatchGetItem).
  'list-cycles': { table: ['GetItem', 'Query', 'BatchGetItem'], token: true },
  // The links: the registry and the stored links and revocations (Query); a link missing or no
  // longer usable is issued by a conditional put, or replaced by a conditional update.
  'list-links': { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], token: true },
  // A renewal revokes the old token (PutItem) and replaces the stored link (UpdateItem).
  'renew-link': { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], token: true },
  // The only job that deletes: it writes a registry version in batches, and sweeps superseded ones.
  // An import wakes the waiting execution when an auto-close time is set (it may make the close due).
  'import-registry': { table: ['GetItem', 'Query', 'BatchGetItem', 'UpdateItem', 'BatchWriteItem'], workflow: ['resume'], token: true },
  'list-reports': { table: ['GetItem', 'Query', 'BatchGetItem'], token: true },
  // A new version is one transaction: cycle check, association update, version and history puts.
  'submit-report': { table: ['GetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem'], token: true },
  'get-report': { table: ['GetItem', 'Query'], token: true },
  // A return tells the association (its link re-signed with the key: token).
  'review-report': { table: REPORT_WRITE, token: true, mail: true },
  'reopen-report': { table: REPORT_WRITE, workflow: ['start'], token: true },
  'close-cycle': { table: ['GetItem', 'Query', 'UpdateItem'], workflow: ['start', 'resume'], token: true },
  // The sign-off: a conditional update of the cycle sends the waiting execution its answer (or,
  // if its token went stale, starts one that takes it from there).
  'update-document': { table: ['GetItem', 'Query', 'UpdateItem'], workflow: ['start', 'resume'], token: true },
  'publish-cycle': { table: ['GetItem', 'Query', 'UpdateItem'], workflow: ['start', 'resume'], token: true },
  // The published files, one job per thing served: the summary, the commended list (JSON or CSV), the PDF.
  'get-published-summary': { table: ['GetItem', 'Query'], files: 'read', token: true },
  'get-published-commendations': { table: ['GetItem', 'Query'], files: 'read', token: true },
  'get-published-pdf': { table: ['GetItem', 'Query'], files: 'read', token: true },
  // The office exports (SPEC section 11): the Word file the close wrote; the workbook, built on
  // request from the registry and the report states (Query, BatchGetItem: the current versions'
  // texts too) and, once published, the revision's summary and commended list.
  'get-report-docx': { table: ['GetItem', 'Query'], files: 'read', token: true },
  'export-workbook': { table: ['GetItem', 'Query', 'BatchGetItem'], files: 'read', exportFiles: 'readwrite', token: true },
  'revoke-token': { table: ['GetItem', 'Query', 'PutItem'], token: true },
  // The outbox (Query) and the expected associations without an email (Query).
  'get-outbox': { table: ['GetItem', 'Query'], token: true },
  // The cycle's state machine
  // A close requested before the wait began is caught by the state machine (CloseAlreadyRequested): no token to send.
  'await-close': { table: CYCLE_STEP },
  // On a reminder day it reminds every expected association with no version: the registry and
  // report states (Query, BatchGetItem), each message claimed in the outbox first (PutItem), the
  // access link re-signed with the key (token).
  'check-auto-close': { table: ['BatchGetItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'], token: true, mail: true },
  freeze: { table: CYCLE_STEP },
  'review-gate': { table: ['GetItem', 'Query', 'UpdateItem'] },
  'aggregate-unit': { table: ['GetItem', 'Query', 'BatchGetItem'], files: 'write' },
  'rollup-province': { table: ['GetItem', 'Query', 'BatchGetItem', 'UpdateItem'], files: 'readwrite' },
  'select-commendations': { table: CYCLE_STEP, files: 'readwrite' },
  'render-report': { table: ['GetItem', 'Query', 'UpdateItem'], files: 'readwrite' },
  'record-draft': { table: CYCLE_STEP },
  'await-sign-off': { table: CYCLE_STEP },
  publish: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
  'record-failure': { table: CYCLE_STEP },
  // Period reviews (SPEC section 12). The API jobs check the token against the registry of the
  // period's last year (GetItem, Query) as a cycle's routes do.
  // A period and its index item (PERIODS) are one transaction of two puts.
  'create-period': { table: ['GetItem', 'Query', 'PutItem'], token: true },
  // The index (Query), then the periods' status and revision (BatchGetItem).
  'list-periods': { table: ['GetItem', 'Query', 'BatchGetItem'], token: true },
  'get-period': { table: ['GetItem', 'Query'], token: true },
  'close-period': { table: ['GetItem', 'Query', 'UpdateItem'], workflow: ['startPeriod'], token: true },
  'get-period-summary': { table: ['GetItem', 'Query'], periodFiles: 'read', token: true },
  'get-period-commendations': { table: ['GetItem', 'Query'], periodFiles: 'read', token: true },
  'get-period-pdf': { table: ['GetItem', 'Query'], periodFiles: 'read', token: true },
  'get-period-docx': { table: ['GetItem', 'Query'], periodFiles: 'read', token: true },
  // The period's state machine: it reads the years' published files (cycles/) and writes its own (periods/).
  'read-period-years': { table: ['GetItem', 'Query', 'UpdateItem'], files: 'read', periodFiles: 'write' },
  'select-period-commendations': { table: ['GetItem', 'UpdateItem'], periodFiles: 'readwrite' },
  'render-period': { table: ['GetItem', 'UpdateItem'], periodFiles: 'readwrite' },
  'publish-period': { table: ['GetItem', 'UpdateItem'], periodFiles: 'read' },
  'record-period-failure': { table: ['GetItem', 'UpdateItem'] },
};
/** Prefix of every object the stack writes (shared/adapters/table-keys.ts fileKey). */
const FILES_PREFIX = 'cycles/';

/** Why the remaining cdk-nag AwsSolutions findings are accepted; each is acknowledged where it arises. */
export const NAG_REASONS = {
  apiAuthorization:
    'Every route but /health and the public pages verifies an HS256 bearer token in the shared middy chain (shared/http/handler.ts) and checks role and scope per association; the public routes are public by the SPEC. An API Gateway authorizer would duplicate that check and could not decide the per-association scope.',
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
  readonly periodStateMachine: sfn.StateMachine;

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
      // A workbook is built on request and read at once through a short-lived link: a day is plenty.
      lifecycleRules: [{ prefix: EXPORT_FILES_PREFIX, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) }],
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
      const fn = new NodejsFunction(this, `Fn-${job}`, {
        entry: path.join(projectRoot, 'functions', job, 'handler.ts'),
        handler: 'handler',
        projectRoot,
        depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: MEMORY_MB[job] ?? 512,
        timeout: TIMEOUT[job] ?? Duration.seconds(10),
        // No active X-Ray tracing: without the SDK calls captured (Powertools Tracer needs
        // aws-xray-sdk-core, more weight in every bundle for what it adds) a trace held only the
        // invocation's duration, which the job's request log line and the REPORT line already
        // give; and each role needed a Resource "*" grant for it. The state machine keeps its
        // tracing: one trace per close shows every state's time.
        tracing: lambda.Tracing.DISABLED,
        reservedConcurrentExecutions: RESERVED_CONCURRENCY[job],
        logGroup,
        role,
        environment: { ...environment, TONGKET_JOB: job, ...(FONT_JOBS.has(job) ? { TONGKET_FONT_DIR: '/var/task/fonts' } : {}) },
        bundling: {
          format: OutputFormat.ESM,
          minify: true,
          sourceMap: true,
          target: 'node22',
          externalModules: externalModulesOf(job),
          mainFields: [...LAMBDA_MAIN_FIELDS],
          define: { ...LAMBDA_DEFINE },
          ...(LAMBDA_INSTALLED_MODULES[job] ? { nodeModules: [...LAMBDA_INSTALLED_MODULES[job]] } : {}),
          // pdfkit and some SDK parts still call require(); give ESM bundles one.
          banner: "import { createRequire as __tongketRequire } from 'module'; const require = __tongketRequire(import.meta.url);",
          // The report's fonts and the pages' built front-end travel beside the bundle.
          commandHooks: COMMAND_HOOKS[job],
        },
      });
      Validations.of(fn).acknowledge({ id: 'AwsSolutions::AwsSolutions-L1', reason: NAG_REASONS.runtime });
      if (access.table) {
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: access.table.map((action) => `dynamodb:${action}`),
            resources: [table.tableArn, `${table.tableArn}/index/${TABLE_KEYS.subtreeIndex}`],
          }),
        );
      }
      const grantFiles = (mode: 'read' | 'write' | 'readwrite', prefix: string) => {
        const actions = [...(mode === 'write' ? [] : ['s3:GetObject']), ...(mode === 'read' ? [] : ['s3:PutObject'])];
        role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] }));
        if (mode !== 'write') {
          role.addToPrincipalPolicy(
            new iam.PolicyStatement({
              actions: ['s3:ListBucket'],
              resources: [bucket.bucketArn],
              conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
            }),
          );
        }
        Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/${prefix}*]`, reason: NAG_REASONS.objectKeys });
      };
      if (access.files) grantFiles(access.files, FILES_PREFIX);
      if (access.periodFiles) grantFiles(access.periodFiles, PERIOD_FILES_PREFIX);
      if (access.exportFiles) grantFiles(access.exportFiles, EXPORT_FILES_PREFIX);
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

    // The period review's close (SPEC section 12): a second state machine, defined once in
    // state-machine.ts, with its own Task functions.
    const periodFunctions = Object.fromEntries(PERIOD_WORKFLOW_JOBS.map((job) => [job, makeFunction(job)])) as Record<PeriodWorkflowJob, NodejsFunction>;
    const periodStateMachineLogs = new logs.LogGroup(this, 'PeriodStateMachineLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.periodStateMachine = new sfn.StateMachine(this, 'PeriodStateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(buildPeriodDefinition(this, periodFunctions)),
      tracingEnabled: true,
      logs: { destination: periodStateMachineLogs, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    });
    Validations.of(this.periodStateMachine).acknowledge({ id: 'AwsSolutions::AwsSolutions-SF1', reason: NAG_REASONS.stateMachineLogLevel });
    Validations.of(this.periodStateMachine.role).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: NAG_REASONS.stateMachineWildcard });
    for (const fn of Object.values(periodFunctions)) {
      const logicalId = this.getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
      Validations.of(this.periodStateMachine.role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`, reason: NAG_REASONS.lambdaVersions });
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
      // A route not in the table (none today) gets the tightest class.
      stage.defaultRouteSettings = { throttlingBurstLimit: THROTTLES.province.burstLimit, throttlingRateLimit: THROTTLES.province.rateLimit };
      stage.routeSettings = Object.fromEntries(
        ROUTES.map((route) => [`${route.method} ${route.path}`, { ThrottlingBurstLimit: THROTTLES[route.traffic].burstLimit, ThrottlingRateLimit: THROTTLES[route.traffic].rateLimit }]),
      );
    }
    /*
     * No per-client-IP limit, by decision. AWS WAF (whose rate-based rules count per IP) attaches
     * to CloudFront, a REST API, an ALB, AppSync, Cognito or App Runner, not to an HTTP API.
     * Getting one would mean either moving to a REST API (payload format 1.0 in every handler,
     * and the embedded server's request shape, diverging from the HTTP API the SPEC fixes) or
     * putting CloudFront in front with a WAF web ACL, which must live in us-east-1 (a second
     * stack) while the execute-api URL stays reachable around it unless every handler also
     * checks a secret origin header. What the stack has instead, at no Lambda cost:
     * - per-route throttles by caller class (THROTTLES in infra/routes.ts): a flood on the
     *   association routes is answered 429 by API Gateway and never spends the province's;
     * - reserved concurrency on the write jobs (RESERVED_CONCURRENCY): no route can drain the
     *   Lambdas the close needs;
     * - the token checked before the body is read (shared/http/handler.ts), so a request
     *   without a valid token costs a few milliseconds;
     * - the client IP in every access-log line, so an operator can find a flooding address
     *   and, if it comes to that, add CloudFront + WAF in front.
     */

    for (const job of API_JOBS) makeFunction(job);
    // Deployment settings given as context (cdk deploy -c name=value), each optional:
    // - officeContactName / officeContactPhone: the office every page names as the one to call
    //   (data-office-name / data-office-phone on <body>) when a cycle's configuration names none;
    // - publicBaseUrl: where the pages are (a custom domain), for the access links; without it a
    //   link starts with the address the request came to (the API's own URL).
    const context = (key: string): string | undefined => {
      const value: unknown = this.node.tryGetContext(key);
      if (value === undefined || value === null || value === '') return undefined;
      if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
      return value;
    };
    const officeName = context('officeContactName');
    const officePhone = context('officeContactPhone');
    if (officeName) this.functions.pages!.addEnvironment('OFFICE_CONTACT_NAME', officeName);
    if (officePhone) this.functions.pages!.addEnvironment('OFFICE_CONTACT_PHONE', officePhone);
    const baseUrl = context('publicBaseUrl');
    // Checked here as shared/env.ts checks it at run time, so that a mistake fails the synth, not the links.
    if (baseUrl && !BASE_URL.test(baseUrl)) throw new Error(`context publicBaseUrl must be an http(s) URL without query or fragment: ${baseUrl}`);
    if (baseUrl) for (const job of ['list-links', 'renew-link']) this.functions[job]!.addEnvironment('PUBLIC_BASE_URL', baseUrl);
    // Reminders and notices: with no sender address they are recorded in the outbox as unsent.
    const mailSender = new CfnParameter(this, 'MailSenderAddress', {
      type: 'String',
      default: '',
      description: 'The From address of reminders and notices, an identity verified in Amazon SES (empty: no mail is sent)',
    });
    const senderDomain = Fn.select(1, Fn.split('@', Fn.join('', [mailSender.valueAsString, '@'])));
    for (const [job, fn] of Object.entries(this.functions)) {
      if (!JOB_ACCESS[job]?.mail) continue;
      fn.addEnvironment('MAIL_SENDER', mailSender.valueAsString);
      // The links in messages: the pages' address when given, else the API's own.
      fn.addEnvironment('PUBLIC_BASE_URL', baseUrl ?? api.apiEndpoint);
      // The address's identity, or its domain's when the domain is what was verified.
      const identity = (name: string) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [identity(mailSender.valueAsString), identity(senderDomain)] }));
    }
    for (const [job, fn] of Object.entries(this.functions)) {
      const workflow = JOB_ACCESS[job]?.workflow ?? [];
      if (workflow.includes('start')) {
        fn.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
        this.stateMachine.grantStartExecution(fn);
      }
      if (workflow.includes('startPeriod')) {
        fn.addEnvironment('PERIOD_STATE_MACHINE_ARN', this.periodStateMachine.stateMachineArn);
        this.periodStateMachine.grantStartExecution(fn);
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
      const created = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`Integration-${route.method}-${route.path}`, fn),
      });
      // The stage's route settings name the routes: API Gateway refuses them before the routes exist.
      if (stage) stage.node.addDependency(...created);
    }

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'PeriodStateMachineArn', { value: this.periodStateMachine.stateMachineArn });
    new CfnOutput(this, 'SigningKeySecretArn', { value: signingKey.secretArn });
  }
}
