// The CDK stack as deployed: resources, runtimes, routes, the state machine.
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import aslValidator from 'asl-validator';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../infra/local/asl.ts';
import { ROUTES, API_JOBS, THROTTLES } from '../../infra/routes.ts';
import { builtinModules } from 'node:module';
import { externalModulesOf, JOB_ACCESS, LAMBDA_DEFINE, LAMBDA_INSTALLED_MODULES, LAMBDA_MAIN_FIELDS, RESERVED_CONCURRENCY, TongketStack } from '../../infra/stack.ts';
import { PERIOD_WORKFLOW_JOBS, WORKFLOW_JOBS } from '../../infra/state-machine.ts';
import { parseKeySet } from '../../shared/adapters/signing-key.ts';
import { TABLE_KEYS } from '../../shared/adapters/table-keys.ts';

const ALL_JOBS = [...new Set([...API_JOBS, ...WORKFLOW_JOBS, ...PERIOD_WORKFLOW_JOBS])].sort();
type Resource = { Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** DynamoDB document-client commands → the IAM action each needs. */
const COMMAND_ACTIONS: Record<string, string> = {
  GetCommand: 'GetItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  BatchWriteCommand: 'BatchWriteItem',
  BatchGetCommand: 'BatchGetItem',
  TransactGetCommand: 'GetItem',
};
/** A TransactWriteItems needs the action of each kind of item it holds. */
const TRANSACTION_ITEM_ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };

/**
 * A job's handler bundled as NodejsFunction bundles it (tree-shaken, its installed modules
 * external), unminified, once per job, except that the AWS SDK is left out: these bundles are
 * read for the calls our code makes, and the SDK's own code names commands it never sends for
 * us (the aggregated clients, the paginators). The stack bundles the SDK; the test below checks that.
 */
const bundles = new Map<string, Promise<{ code: string; inputs: string[] }>>();
function bundled(job: string): Promise<{ code: string; inputs: string[] }> {
  if (!bundles.has(job)) bundles.set(job, bundle(job));
  return bundles.get(job)!;
}
async function bundle(job: string): Promise<{ code: string; inputs: string[] }> {
  const result = await esbuild.build({
    entryPoints: [join(import.meta.dirname, '..', '..', 'functions', job, 'handler.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: [...LAMBDA_MAIN_FIELDS],
    define: { ...LAMBDA_DEFINE },
    external: ['@aws-sdk/*', '@smithy/*', ...externalModulesOf(job)],
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

/** The DynamoDB actions a job's code can call, from its bundle (the commands keep their names). */
async function tableActionsCalledBy(job: string): Promise<string[]> {
  const { code } = await bundled(job);
  const actions = new Set<string>();
  for (const [, command] of code.matchAll(/\bnew (\w+?Command)\d*\(/g)) {
    if (command && command in COMMAND_ACTIONS) actions.add(COMMAND_ACTIONS[command]!);
  }
  if (/\bnew TransactWriteCommand\d*\(/.test(code)) {
    for (const [, item] of code.matchAll(/[{,]\s*(Put|Update|Delete|ConditionCheck):\s*\{/g)) actions.add(TRANSACTION_ITEM_ACTIONS[item!]!);
  }
  return [...actions].sort();
}

/** Whether a job's bundle can send an email (the SES command is in it). */
async function sendsMail(job: string): Promise<boolean> {
  return /\bnew SendEmailCommand\d*\(/.test((await bundled(job)).code);
}

describe('the CDK stack', () => {
  let template: Template;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    template = Template.fromStack(new TongketStack(app, 'Test', { env: { account: '123456789012', region: 'ap-southeast-1' } }));
  });

  it('has one Lambda per job, all on Node 22 on ARM, without active tracing (see infra/stack.ts)', () => {
    const functions = template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { TONGKET_JOB: Match.anyValue() } } } });
    const jobs = Object.values(functions).map((f) => f.Properties.Environment.Variables.TONGKET_JOB).sort();
    expect(jobs).toEqual([...API_JOBS, ...WORKFLOW_JOBS, ...PERIOD_WORKFLOW_JOBS].sort());
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toBeUndefined();
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

  it('throttles every route by who calls it: the association routes have their own limits, apart from the province\'s', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage')) as unknown as (Resource & { DependsOn?: string[] })[];
    const settings = stage!.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    expect(Object.keys(settings).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of ROUTES) {
      expect(settings[`${route.method} ${route.path}`], `${route.method} ${route.path}`).toEqual({ ThrottlingRateLimit: THROTTLES[route.traffic].rateLimit, ThrottlingBurstLimit: THROTTLES[route.traffic].burstLimit });
    }
    expect(settings['PUT /cycles/{year}/reports/{association}']).toEqual({ ThrottlingRateLimit: THROTTLES.association.rateLimit, ThrottlingBurstLimit: THROTTLES.association.burstLimit });
    expect(settings['POST /cycles/{year}/close']).toEqual({ ThrottlingRateLimit: THROTTLES.province.rateLimit, ThrottlingBurstLimit: THROTTLES.province.burstLimit });
    expect(settings['PUT /cycles/{year}/registry']).toEqual(settings['POST /cycles/{year}/close']);
    // Route settings name routes that must exist first, or the deployment fails.
    const routeIds = Object.keys(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(stage!.DependsOn ?? []).toEqual(expect.arrayContaining(routeIds));
  });

  it('reserves concurrency for the jobs that write on a caller\'s request', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { TONGKET_JOB: Match.anyValue() } } } })) as unknown as Resource[];
    const reserved = Object.fromEntries(
      functions.filter((f) => f.Properties.ReservedConcurrentExecutions !== undefined).map((f) => [f.Properties.Environment.Variables.TONGKET_JOB, f.Properties.ReservedConcurrentExecutions]),
    );
    expect(reserved).toEqual(RESERVED_CONCURRENCY);
    for (const job of ['submit-report', 'review-report', 'import-registry', 'close-cycle']) expect(reserved[job], job).toBeGreaterThan(0);
    // API Gateway's 429 comes first: a burst the route lets through never meets Lambda throttling.
    for (const route of ROUTES.filter((r) => r.job in RESERVED_CONCURRENCY)) {
      expect(RESERVED_CONCURRENCY[route.job], `${route.method} ${route.path}`).toBeGreaterThanOrEqual(THROTTLES[route.traffic].burstLimit);
    }
  });

  it('grants each job exactly the DynamoDB actions its code calls: the report jobs neither delete nor batch-write', async () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { TONGKET_JOB: Match.anyValue() } } } })) as unknown as Resource[];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as unknown as Resource[];
    const granted = (job: string): string[] => {
      const fn = functions.find((f) => f.Properties.Environment.Variables.TONGKET_JOB === job)!;
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = policies
        .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
      return statements.flatMap((st) => ([] as string[]).concat(st.Action)).filter((a) => a.startsWith('dynamodb:')).map((a) => a.replace('dynamodb:', '')).sort();
    };
    for (const job of ALL_JOBS) expect(granted(job), job).toEqual([...(JOB_ACCESS[job]!.table ?? [])].sort());
    for (const job of ['submit-report', 'review-report']) {
      expect(granted(job)).not.toContain('DeleteItem');
      expect(granted(job)).not.toContain('BatchWriteItem');
    }
    // The lists are what the code calls, derived from each job's bundle: nothing more, nothing missing.
    const called = Object.fromEntries(await Promise.all(ALL_JOBS.map(async (job) => [job, await tableActionsCalledBy(job)] as const)));
    const declared = Object.fromEntries(ALL_JOBS.map((job) => [job, [...(JOB_ACCESS[job]!.table ?? [])].sort()]));
    expect(declared).toEqual(called);
  }, 120_000);

  it('bundles no installed module: a job that loads one has it installed beside its bundle (exceljs: the workbooks)', async () => {
    const installed = [...new Set(Object.values(LAMBDA_INSTALLED_MODULES).flat())];
    const found = Object.fromEntries(
      await Promise.all(
        ALL_JOBS.map(async (job) => {
          const { code, inputs } = await bundled(job);
          const bundledIn = installed.filter((name) => inputs.some((input) => input.includes(`node_modules/${name}/`)));
          const loaded = installed.filter((name) => code.includes(`import("${name}")`));
          return [job, { bundled: bundledIn, loaded }] as const;
        }),
      ),
    );
    for (const job of ALL_JOBS) expect(found[job], job).toEqual({ bundled: [], loaded: [...(LAMBDA_INSTALLED_MODULES[job] ?? [])] });
    expect(found['list-links']!.loaded).toEqual(['exceljs']);
  }, 120_000);

  it('bundles the AWS SDK into the jobs, from its ES modules (tree-shaken): nothing is left for the runtime to provide but Node\'s built-ins', async () => {
    // The DynamoDB document client, S3 and its presigner, Step Functions (a dynamic import).
    for (const job of ['submit-report', 'get-published-pdf', 'close-cycle']) {
      const result = await esbuild.build({
        entryPoints: [join(import.meta.dirname, '..', '..', 'functions', job, 'handler.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        mainFields: [...LAMBDA_MAIN_FIELDS],
        define: { ...LAMBDA_DEFINE },
        external: externalModulesOf(job),
        write: false,
        metafile: true,
        logLevel: 'error',
      });
      const inputs = Object.keys(result.metafile.inputs);
      const sdk = inputs.filter((input) => /node_modules\/@(aws-sdk|smithy)\//.test(input));
      expect(sdk.length, job).toBeGreaterThan(0);
      // A client loaded by a dynamic import() is bundled too (into the same file, initialized when first imported).
      if (job === 'close-cycle') expect(sdk.some((input) => input.includes('/@aws-sdk/client-sfn/'))).toBe(true);
      // CommonJS would be kept whole by esbuild: the SDK comes in as ES modules.
      expect(sdk.filter((input) => input.includes('/dist-cjs/')), job).toEqual([]);
      const external = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
      expect(external.filter((path) => !path.startsWith('node:') && !builtinModules.includes(path)), job).toEqual([]);
    }
  }, 120_000);

  it('leaves the embedded stores\' probes out of the health job\'s Lambda bundle: no SDK client in it, none of its code run at cold start', async () => {
    const build = (define: Record<string, string>) =>
      esbuild.build({
        entryPoints: [join(import.meta.dirname, '..', '..', 'functions', 'health', 'handler.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        minify: true,
        mainFields: [...LAMBDA_MAIN_FIELDS],
        define,
        write: false,
        metafile: true,
        logLevel: 'error',
      });
    const sdkInputs = (result: esbuild.BuildResult<{ write: false; metafile: true }>) =>
      Object.keys(result.metafile.inputs).filter((input) => /node_modules\/@(aws-sdk|smithy)\/|store-probes/.test(input));
    expect(sdkInputs(await build({ ...LAMBDA_DEFINE }))).toEqual([]);
    // Without the stack's constant the probe is there: the one above is what removes it.
    expect(sdkInputs(await build({})).length).toBeGreaterThan(0);
  }, 60_000);

  it('gives the office contact to the pages and the links\' base URL to the link jobs, from context, and refuses a base that is not a URL', () => {
    const context = { 'aws:cdk:bundling-stacks': [], officeContactName: 'Văn phòng Ban Dân vận', officeContactPhone: '0213 3876 543', publicBaseUrl: 'https://tongket.laichau.gov.vn' };
    const withContext = Template.fromStack(new TongketStack(new App({ context }), 'Context', { env: { account: '123456789012', region: 'ap-southeast-1' } }));
    const functions = Object.values(withContext.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { TONGKET_JOB: Match.anyValue() } } } })) as unknown as Resource[];
    const having = (name: string) => functions.filter((f) => f.Properties.Environment.Variables[name] !== undefined).map((f) => `${f.Properties.Environment.Variables.TONGKET_JOB}=${f.Properties.Environment.Variables[name]}`).sort();
    expect(having('OFFICE_CONTACT_NAME')).toEqual(['pages=Văn phòng Ban Dân vận']);
    expect(having('OFFICE_CONTACT_PHONE')).toEqual(['pages=0213 3876 543']);
    // The link jobs, and the jobs that mail links (which have no request to take an address from).
    expect(having('PUBLIC_BASE_URL')).toEqual(['check-auto-close', 'list-links', 'renew-link', 'review-report'].map((job) => `${job}=https://tongket.laichau.gov.vn`));
    // Without the context, no job has the office, and only the mailing jobs a base URL: the API's own.
    const plain = JSON.stringify(template.toJSON());
    for (const name of ['OFFICE_CONTACT_NAME', 'OFFICE_CONTACT_PHONE']) expect(plain).not.toContain(name);
    const plainFunctions = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { TONGKET_JOB: Match.anyValue() } } } })) as unknown as Resource[];
    const withBase = plainFunctions.filter((f) => f.Properties.Environment.Variables.PUBLIC_BASE_URL !== undefined);
    expect(withBase.map((f) => f.Properties.Environment.Variables.TONGKET_JOB).sort()).toEqual(['check-auto-close', 'review-report']);
    expect(() => new TongketStack(new App({ context: { ...context, publicBaseUrl: 'tongket.laichau.gov.vn' } }), 'Bad')).toThrow(/publicBaseUrl/);
  });

  it('lets only the jobs that send mail call ses:SendEmail, from the deployed sender identity alone, with the links pointing at the API', async () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { TONGKET_JOB: Match.anyValue() } } } })) as unknown as Resource[];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as unknown as Resource[];
    const sesStatements = (job: string) => {
      const fn = functions.find((f) => f.Properties.Environment.Variables.TONGKET_JOB === job)!;
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      return policies
        .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((st) => ([] as string[]).concat(st.Action).some((a) => a.startsWith('ses:')));
    };
    // The jobs whose bundle sends mail are those declared so, and only they are granted.
    const sending = (await Promise.all(ALL_JOBS.map(async (job) => [job, await sendsMail(job)] as const))).filter(([, sends]) => sends).map(([job]) => job).sort();
    expect(sending).toEqual(ALL_JOBS.filter((job) => JOB_ACCESS[job]!.mail).sort());
    expect(sending).toEqual(['check-auto-close', 'review-report']);
    for (const job of ALL_JOBS) {
      const statements = sesStatements(job);
      if (!sending.includes(job)) {
        expect(statements, job).toEqual([]);
        continue;
      }
      expect(statements).toHaveLength(1);
      expect(statements[0]!.Action).toBe('ses:SendEmail');
      const resources = JSON.stringify(statements[0]!.Resource);
      expect(resources).toContain(':identity/');
      expect(resources).toContain('MailSenderAddress');
      expect(resources).not.toContain('*');
      const fn = functions.find((f) => f.Properties.Environment.Variables.TONGKET_JOB === job)!;
      expect(fn.Properties.Environment.Variables.MAIL_SENDER).toEqual({ Ref: 'MailSenderAddress' });
      expect(JSON.stringify(fn.Properties.Environment.Variables.PUBLIC_BASE_URL)).toContain('ApiEndpoint');
    }
    template.hasParameter('MailSenderAddress', { Type: 'String', Default: '' });
  }, 60_000);

  it('synthesizes state machines that asl-validator finds valid', () => {
    // The definition with its CloudFormation tokens resolved (Ref AWS::Partition → aws, Fn::GetAtt → a Lambda ARN), as the embedded runtime runs it.
    const { definition, period } = synthesizeStack();
    for (const d of [definition, period!.definition]) {
      expect(JSON.stringify(d)).not.toMatch(/Fn::|"Ref"/);
      const result = aslValidator(structuredClone(d));
      expect(result.errorsText(), 'asl-validator').toBe('');
      expect(result.isValid).toBe(true);
    }
    // The validator does find faults in this very definition once one is made.
    const broken = structuredClone(definition);
    const first = broken.States[broken.StartAt]!;
    broken.States[broken.StartAt] = { ...first, Next: 'NoSuchState', End: undefined };
    expect(aslValidator(broken).isValid).toBe(false);
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
    // The workbooks built on request are kept a day, nothing else expires.
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ Prefix: 'exports/', ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' })] },
    });
  });

  it('starts the signing secret as a one-key set that tongket rotate-key extends, and lets revocations expire', () => {
    const [secret] = Object.values(template.findResources('AWS::SecretsManager::Secret')) as { Properties: { GenerateSecretString: { SecretStringTemplate: string; GenerateStringKey: string } } }[];
    const generated = secret!.Properties.GenerateSecretString;
    // What CloudFormation will store: the template with the random string under GenerateStringKey.
    const stored = JSON.stringify({ ...JSON.parse(generated.SecretStringTemplate), [generated.GenerateStringKey]: 'x'.repeat(64) });
    expect(parseKeySet(stored)).toEqual({ current: generated.GenerateStringKey, keys: { [generated.GenerateStringKey]: 'x'.repeat(64) } });
    template.hasResourceProperties('AWS::DynamoDB::Table', { TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttl, Enabled: true } });
  });

  it('runs the cycle and the period review each as one Standard state machine with logging and tracing', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as unknown as Resource[];
    for (const m of machines) {
      expect(m.Properties.StateMachineType).toBe('STANDARD');
      expect(m.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(m.Properties.LoggingConfiguration.Level).toBe('ERROR');
    }
  });

  it('gives the period state machine\'s ARN only to the job that closes a period, and its files prefix only to the period jobs', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { TONGKET_JOB: Match.anyValue() } } } })) as unknown as Resource[];
    const withArn = functions.filter((f) => f.Properties.Environment.Variables.PERIOD_STATE_MACHINE_ARN !== undefined).map((f) => f.Properties.Environment.Variables.TONGKET_JOB);
    expect(withArn).toEqual(['close-period']);
    const periodJobs = Object.entries(JOB_ACCESS).filter(([, a]) => a.periodFiles).map(([job]) => job).sort();
    expect(periodJobs).toEqual(['get-period-commendations', 'get-period-docx', 'get-period-pdf', 'get-period-summary', 'publish-period', 'read-period-years', 'render-period', 'select-period-commendations']);
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('/periods/*');
  });

  it('lets only the jobs that start or resume the cycle talk to the state machine', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const withSendTask = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('states:SendTaskSuccess'));
    const roles = withSendTask.flatMap((p) => p.Properties.Roles.map((r: { Ref: string }) => r.Ref)).sort();
    // Least privilege: only the close, the import (which wakes the waiting execution to look
    // at its due time again) and the sign-off (a change of the draft, the publication) send
    // the token; opening and reopening only start executions.
    expect(roles).toHaveLength(4);
    for (const [i, job] of [/closecycle/i, /importregistry/i, /publishcycle/i, /updatedocument/i].entries()) expect(roles[i]).toMatch(job);
  });
});
