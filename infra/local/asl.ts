// From the CDK stack to plain ASL the local runner can execute: synthesize the same stack
// in-process, resolve the definition's Fn::Join of ARNs into stand-in ARNs, and map every
// Task to the job whose handler the Lambda bundles.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TongketStack } from '../stack.ts';
import { TASK_TOKEN_STATES } from '../state-machine.ts';

export const LOCAL_REGION = 'ap-southeast-1';
export const LOCAL_ACCOUNT = '000000000000';
export const localFunctionArn = (job: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:tongket-${job}`;
const WAIT_FOR_TOKEN_RESOURCE = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

export type AslState = Record<string, unknown> & { Type: string };
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  [key: string]: unknown;
}

export interface SynthesizedApp {
  template: Record<string, unknown>;
  definition: AslDefinition;
  /** Task state name → job (folder under functions/) */
  taskJobs: Record<string, string>;
  /** the period review's state machine (SPEC section 12), resolved the same way */
  period?: { definition: AslDefinition; taskJobs: Record<string, string> };
  /** the table's key schema, so the local table is the deployed one */
  table: {
    AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
    KeySchema: { AttributeName: string; KeyType: string }[];
    GlobalSecondaryIndexes: { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[]; Projection: { ProjectionType: string } }[];
  };
}

export function synthesizeStack(): SynthesizedApp {
  // Skipping bundling keeps synthesis in-process fast (~0.2 s); the definition is the same.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new TongketStack(app, 'Tongket', { env: { account: LOCAL_ACCOUNT, region: LOCAL_REGION } });
  const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  const resources = template.Resources;

  const jobByLogicalId = new Map<string, string>();
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const job = (resource.Properties.Environment as { Variables?: Record<string, string> } | undefined)?.Variables?.TONGKET_JOB;
    if (job) jobByLogicalId.set(id, job);
  }
  // The stack's two state machines, told apart by their construct ids (infra/stack.ts).
  const machines = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine');
  const machineOf = (prefix: string) => {
    const found = machines.filter(([id]) => id.startsWith(prefix));
    if (found.length !== 1) throw new Error(`Expected one ${prefix} in the stack, found ${found.length}`);
    return found[0]![1];
  };
  if (machines.length !== 2) throw new Error(`Expected two state machines in the stack (the cycle's and the period review's), found ${machines.length}`);

  const jobByArn = new Map([...jobByLogicalId.values()].map((job) => [localFunctionArn(job), job]));
  const resolve = (machine: { Properties: Record<string, unknown> }) => {
    const definition = JSON.parse(resolveIntrinsic(machine.Properties.DefinitionString, jobByLogicalId)) as AslDefinition;
    const taskJobs: Record<string, string> = {};
    for (const [name, state] of allStates(definition)) {
      if (state.Type !== 'Task') continue;
      const resource = state.Resource as string;
      const arn = resource === WAIT_FOR_TOKEN_RESOURCE ? (state.Parameters as { FunctionName?: string } | undefined)?.FunctionName : resource;
      const job = arn ? jobByArn.get(arn) : undefined;
      if (!job) throw new Error(`Task state "${name}" invokes ${arn ?? resource}, which has no local handler`);
      taskJobs[name] = job;
    }
    return { definition, taskJobs };
  };
  const { definition, taskJobs } = resolve(machineOf('CycleStateMachine'));
  const period = resolve(machineOf('PeriodStateMachine'));

  const tables = Object.values(resources).filter((r) => r.Type === 'AWS::DynamoDB::Table');
  if (tables.length !== 1) throw new Error(`Expected one table in the stack, found ${tables.length}`);
  return { template, definition, taskJobs, period, table: tables[0]!.Properties as unknown as SynthesizedApp['table'] };
}

function resolveIntrinsic(value: unknown, jobByLogicalId: Map<string, string>): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => resolveIntrinsic(p, jobByLogicalId)).join(separator);
  }
  if ('Fn::GetAtt' in object) {
    const [logicalId, attribute] = object['Fn::GetAtt'] as [string, string];
    const job = jobByLogicalId.get(logicalId);
    if (!job || attribute !== 'Arn') throw new Error(`Cannot resolve Fn::GetAtt ${logicalId}.${attribute} locally`);
    return localFunctionArn(job);
  }
  if ('Ref' in object) {
    const ref = object.Ref as string;
    const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': LOCAL_REGION, 'AWS::AccountId': LOCAL_ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' };
    if (ref in pseudo) return pseudo[ref]!;
    throw new Error(`Cannot resolve Ref ${ref} locally`);
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)} locally`);
}

/** Every state, nested ones (Map processors, Parallel branches) included, with its name. */
export function* allStates(definition: { States: Record<string, AslState> }): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(definition.States)) {
    yield [name, state];
    const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
    if (processor) yield* allStates(processor);
    for (const branch of (state.Branches as AslDefinition[] | undefined) ?? []) yield* allStates(branch);
  }
}

/**
 * The local runner runs some ASL wrong without saying so (STACK.md): JSONata, Distributed
 * Map, ItemReader/ItemBatcher/ResultWriter and HeartbeatSeconds; it cannot run Assign at all,
 * and waitForTaskToken only where the runtime emulates it. Refuse them all, with the reason.
 */
export function unsupportedFeatures(definition: AslDefinition): string[] {
  const problems: string[] = [];
  if (definition.QueryLanguage && definition.QueryLanguage !== 'JSONPath') problems.push(`QueryLanguage ${String(definition.QueryLanguage)}`);
  for (const [name, state] of allStates(definition)) {
    if (state.QueryLanguage && state.QueryLanguage !== 'JSONPath') problems.push(`${name}: QueryLanguage ${String(state.QueryLanguage)}`);
    for (const key of ['Assign', 'Arguments', 'Output', 'ItemReader', 'ItemBatcher', 'ResultWriter', 'HeartbeatSeconds', 'HeartbeatSecondsPath']) {
      if (key in state) problems.push(`${name}: ${key}`);
    }
    const mode = ((state.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined)?.ProcessorConfig?.Mode) ?? 'INLINE';
    if (state.Type === 'Map' && mode !== 'INLINE') problems.push(`${name}: Map mode ${mode}`);
    if (state.Type === 'Task' && typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken') && !TASK_TOKEN_STATES.includes(name)) {
      problems.push(`${name}: waitForTaskToken outside ${TASK_TOKEN_STATES.join(', ')}`);
    }
    if (state.Type === 'Task' && typeof state.Resource === 'string' && state.Resource.endsWith('.sync')) problems.push(`${name}: .sync integration`);
  }
  return problems;
}
