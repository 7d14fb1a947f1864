// cdk-nag's AwsSolutions pack over the deployed stack: zero findings left unacknowledged, every
// acknowledgement carrying its reason in infra/stack.ts, and the least-privilege rules the
// acknowledgements rely on checked on the synthesized policies themselves.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_JOBS } from '../../infra/routes.ts';
import { JOB_ACCESS, NAG_REASONS, TongketStack } from '../../infra/stack.ts';
import { PERIOD_WORKFLOW_JOBS, WORKFLOW_JOBS } from '../../infra/state-machine.ts';

/** What Step Functions needs to deliver its logs to CloudWatch Logs (vended logs): Resource "*" only. */
const LOG_DELIVERY = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

interface Violation {
  ruleName: string;
  description: string;
  violatingConstructs?: { constructPath: string }[];
}

describe('cdk-nag AwsSolutions', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'tongket-nag-'));
  let app: App;
  let stack: TongketStack;
  let synthError: unknown = null;
  let violations: Violation[] = [];

  beforeAll(() => {
    app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir });
    stack = new TongketStack(app, 'Nag', { env: { account: '123456789012', region: 'ap-southeast-1' } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch (error) {
      synthError = error;
      // The validation report lists what the pack found; synth throws when it is not empty.
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations: Violation[] }[] };
      violations = report.pluginReports.flatMap((p) => p.violations);
    }
  }, 60_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes with zero unacknowledged findings', () => {
    const listed = violations.map((v) => `${v.ruleName} at ${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}: ${v.description}`);
    expect(listed).toEqual([]);
    expect(synthError).toBeNull();
  });

  it('gives every acknowledgement a reason, and acknowledges nothing stack-wide', () => {
    const acknowledged: { path: string; id: string; reason: string }[] = [];
    const visit = (node: IConstruct) => {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          // CDK acknowledges some of its own warnings (ids "Annotation::…"); ours are the pack's.
          if (id.startsWith('AwsSolutions::')) acknowledged.push({ path: node.node.path, id, reason });
        }
      }
      node.node.children.forEach(visit);
    };
    visit(app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const a of acknowledged) {
      expect(a.reason.length, `${a.id} at ${a.path}`).toBeGreaterThan(60);
      expect(Object.values(NAG_REASONS)).toContain(a.reason);
      // Acknowledged where the finding arises, never on the app or the whole stack.
      expect(a.path.split('/').length, `${a.id} at ${a.path}`).toBeGreaterThan(1);
    }
    const rules = [...new Set(acknowledged.map((a) => a.id.replace(/^AwsSolutions::/, '').replace(/\[.*$/, '')))].sort();
    expect(rules).toEqual(['AwsSolutions-APIG4', 'AwsSolutions-IAM5', 'AwsSolutions-L1', 'AwsSolutions-S1', 'AwsSolutions-SF1', 'AwsSolutions-SMG4']);
  });

  it('decides what every job may touch: no job falls back to a default', () => {
    expect(Object.keys(JOB_ACCESS).sort()).toEqual([...new Set([...API_JOBS, ...WORKFLOW_JOBS, ...PERIOD_WORKFLOW_JOBS])].sort());
  });

  it('grants no wildcard action, and Resource "*" only for X-Ray and log delivery, which have no resource-level permission', () => {
    const template = Template.fromStack(stack);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }[];
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions = ([] as string[]).concat(statement.Action);
        for (const action of actions) expect(action, JSON.stringify(statement)).not.toMatch(/\*/);
        const resources = ([] as unknown[]).concat(statement.Resource);
        if (resources.includes('*')) expect(actions.every((a) => a.startsWith('xray:') || LOG_DELIVERY.includes(a)), JSON.stringify(statement)).toBe(true);
      }
    }
    // No managed policy: each function's role writes to its own log group only.
    const roles = Object.values(template.findResources('AWS::IAM::Role')) as { Properties: { ManagedPolicyArns?: unknown[] } }[];
    for (const role of roles) expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  });

  it('lets only the jobs that need them read the signing key or the files', () => {
    const template = Template.fromStack(stack);
    const policies = Object.entries(template.findResources('AWS::IAM::Policy')) as [string, { Properties: { PolicyDocument: unknown; Roles: { Ref: string }[] } }][];
    const rolesWith = (action: string) =>
      policies
        .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes(`"${action}"`))
        .flatMap(([, p]) => p.Properties.Roles.map((r) => r.Ref))
        .sort();
    const roleOf = (job: string) => stack.getLogicalId(stack.functions[job]!.role!.node.defaultChild as never);
    const expected = (pick: (job: string) => boolean) => Object.keys(JOB_ACCESS).filter(pick).map(roleOf).sort();
    expect(rolesWith('secretsmanager:GetSecretValue')).toEqual(expected((j) => JOB_ACCESS[j]!.token === true));
    const writes = (j: string) =>
      ['write', 'readwrite'].includes(JOB_ACCESS[j]!.files ?? '') || ['write', 'readwrite'].includes(JOB_ACCESS[j]!.periodFiles ?? '') || JOB_ACCESS[j]!.exportFiles === 'readwrite';
    const reads = (j: string) => ['read', 'readwrite'].includes(JOB_ACCESS[j]!.files ?? '') || ['read', 'readwrite'].includes(JOB_ACCESS[j]!.periodFiles ?? '');
    expect(rolesWith('s3:PutObject')).toEqual(expected(writes));
    expect(rolesWith('s3:GetObject')).toEqual(expected(reads));
    expect(rolesWith('dynamodb:PutItem')).toEqual(expected((j) => (JOB_ACCESS[j]!.table ?? []).includes('PutItem')));
    expect(rolesWith('dynamodb:DeleteItem')).toEqual(expected((j) => (JOB_ACCESS[j]!.table ?? []).includes('DeleteItem')));
    expect(rolesWith('states:StartExecution')).toEqual(expected((j) => (JOB_ACCESS[j]!.workflow ?? []).some((w) => w === 'start' || w === 'startPeriod')));
  });

  it('logs the files bucket\'s access to a private, TLS-only, encrypted log bucket', () => {
    const template = Template.fromStack(stack);
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as { Properties: Record<string, unknown> }[];
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    expect(buckets.filter((b) => b.Properties.LoggingConfiguration)).toHaveLength(1);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(2);
    for (const p of policies) expect(JSON.stringify(p)).toContain('aws:SecureTransport');
  });
});
