// The embedded runtime runs the state machine the stack deploys: same definition, every Task
// mapped to a real handler module, nothing the local runner would run wrong.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allStates, synthesizeStack, unsupportedFeatures, type AslDefinition } from '../../infra/local/asl.ts';
import { localDefinition, LocalWorkflowEngine } from '../../infra/local/step-functions.ts';
import { AWAIT_CLOSE_STATE, AWAIT_SIGN_OFF_STATE, PERIOD_WORKFLOW_JOBS, WORKFLOW_JOBS } from '../../infra/state-machine.ts';

const app = synthesizeStack();

describe('the state machine on the embedded runtime', () => {
  it('maps every Task state to a workflow job with a handler module', async () => {
    const tasks = [...allStates(app.definition)].filter(([, s]) => s.Type === 'Task').map(([name]) => name);
    expect(Object.keys(app.taskJobs).sort()).toEqual(tasks.sort());
    expect(new Set(Object.values(app.taskJobs))).toEqual(new Set(WORKFLOW_JOBS));
    for (const job of Object.values(app.taskJobs)) {
      expect(existsSync(new URL(`../../functions/${job}/handler.ts`, import.meta.url))).toBe(true);
      const module = (await import(`../../functions/${job}/handler.ts`)) as { handler: unknown };
      expect(typeof module.handler).toBe('function');
    }
  });

  it('runs the period review\'s state machine the same way: every Task a period job, with its timeout, retry and catch; keys only', async () => {
    const period = app.period!;
    expect(unsupportedFeatures(period.definition)).toEqual([]);
    expect(new Set(Object.values(period.taskJobs))).toEqual(new Set(PERIOD_WORKFLOW_JOBS));
    expect(period.definition.StartAt).toBe('ReadYears');
    for (const [name, state] of allStates(period.definition)) {
      if (state.Type !== 'Task') continue;
      expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
      expect((state.Retry as { ErrorEquals: string[] }[])[0]!.ErrorEquals, name).toContain('TransientError');
      if (name !== 'RecordPeriodFailure') expect((state.Catch as { Next: string }[])[0]!.Next, name).toBe('RecordPeriodFailure');
      const module = (await import(`../../functions/${period.taskJobs[name]}/handler.ts`)) as { handler: unknown };
      expect(typeof module.handler).toBe('function');
    }
    expect(Object.keys(period.taskJobs).sort()).toEqual(['PublishPeriod', 'ReadYears', 'RecordPeriodFailure', 'RenderPeriod', 'SelectPeriodCommendations']);
  });

  it('uses only what aws-local-stepfunctions honours: JSONPath, inline Map, one emulated task-token wait', () => {
    expect(unsupportedFeatures(app.definition)).toEqual([]);
    const map = [...allStates(app.definition)].find(([, s]) => s.Type === 'Map')![1];
    expect(map.MaxConcurrency).toBeGreaterThan(1);
    expect(app.definition.States[AWAIT_CLOSE_STATE]!.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
  });

  it('gives every Task its own timeout: the local runner would otherwise stop any Task after 60 s', () => {
    for (const [name, state] of allStates(app.definition)) {
      if (state.Type !== 'Task') continue;
      expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, name).toBeDefined();
    }
  });

  it('reads the waiting Task’s timeout where the local runner looks for it, and refuses a path it cannot map', () => {
    const local = localDefinition(app.definition);
    expect(local.States[AWAIT_CLOSE_STATE]!.TimeoutSecondsPath).toBe('$.Payload.waitSeconds');
    expect(app.definition.States[AWAIT_CLOSE_STATE]!.TimeoutSecondsPath).toBe('$.waitSeconds');
    const unmapped = structuredClone(app.definition);
    unmapped.States[AWAIT_CLOSE_STATE]!.TimeoutSecondsPath = '$.elsewhere';
    expect(() => localDefinition(unmapped)).toThrow(/must also be passed in its Payload/);
  });

  it('routes a wake-up of the waiting Task to CheckAutoClose and anything else to the close, reading no path that may be missing', () => {
    const waiting = app.definition.States[AWAIT_CLOSE_STATE]!;
    expect(waiting.ResultPath).toBe('$.resumed');
    const afterWait = app.definition.States[waiting.Next as string]!;
    expect(afterWait.Type).toBe('Choice');
    const [rule] = afterWait.Choices as { And: Record<string, unknown>[]; Next: string }[];
    // On AWS a comparison on a missing path fails the execution: IsPresent must guard it.
    expect(rule!.And).toEqual([
      { Variable: '$.resumed.wake', IsPresent: true },
      { Variable: '$.resumed.wake', BooleanEquals: true },
    ]);
    expect(rule!.Next).toBe('CheckAutoClose');
    expect(afterWait.Default).toBe('Freeze');
    expect((app.definition.States.CheckAutoClose!.Parameters as Record<string, unknown>)['state.$']).toBe('$');
  });

  it('waits for the sign-off only when SelectCommendations says so, and settles every race by a caught error', () => {
    const { States } = app.definition;
    const choice = States[States.SelectCommendations!.Next as string]!;
    expect(choice.Type).toBe('Choice');
    expect(choice.Choices).toEqual([
      {
        And: [
          { Variable: '$.signOff', IsPresent: true },
          { Variable: '$.signOff', BooleanEquals: true },
        ],
        Next: 'RenderDraft',
      },
    ]);
    expect(choice.Default).toBe('RenderReport');
    // The same render function, told to mark the draft, keys only.
    expect(States.RenderDraft!.Resource).toBe(States.RenderReport!.Resource);
    expect(States.RenderDraft!.Parameters).toEqual({ 'year.$': '$.year', 'revision.$': '$.revision', draft: true });
    expect(States.RenderDraft!.Next).toBe('RecordDraft');
    expect(States.RecordDraft!.Next).toBe(AWAIT_SIGN_OFF_STATE);
    const wait = States[AWAIT_SIGN_OFF_STATE]!;
    expect(wait.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(wait.TimeoutSeconds).toBeLessThan(24.8 * 86_400); // a Node timer longer than that fires at once
    const catches = Object.fromEntries((wait.Catch as { ErrorEquals: string[]; Next: string }[]).map((c) => [c.ErrorEquals.join(), c.Next]));
    expect(catches).toEqual({
      DocumentChanged: 'RenderDraft',
      PublishAlreadyRequested: 'RenderReport',
      Superseded: 'Superseded',
      'States.Timeout': AWAIT_SIGN_OFF_STATE,
      'States.ALL': 'RecordFailure',
    });
    expect((wait.Catch as { ErrorEquals: string[] }[]).at(-1)!.ErrorEquals).toEqual(['States.ALL']);
    const after = States[wait.Next as string]!;
    expect(after.Choices).toEqual([{ Variable: '$.signOff.action', StringEquals: 'publish', Next: 'RenderReport' }]);
    expect(after.Default).toBe('RenderDraft');
    for (const name of ['RenderDraft', 'RecordDraft', AWAIT_SIGN_OFF_STATE]) {
      expect((States[name]!.Retry as unknown[]).length, name).toBeGreaterThan(0);
      expect((States[name]!.Catch as { ErrorEquals: string[]; Next: string }[]).some((c) => c.ErrorEquals.includes('States.ALL') && c.Next === 'RecordFailure'), name).toBe(true);
    }
    // A draft found after a restart goes straight to the wait.
    const first = States[app.definition.StartAt]!;
    expect(first.Choices).toContainEqual({ Variable: '$.mode', StringEquals: 'signoff', Next: AWAIT_SIGN_OFF_STATE });
  });

  it('refuses definitions the local runner would run wrong or not at all', () => {
    const broken: AslDefinition = {
      StartAt: 'A',
      QueryLanguage: 'JSONata',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'C', States: { C: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', HeartbeatSeconds: 10, End: true } } }, ItemReader: {}, End: true },
      },
    };
    const problems = unsupportedFeatures(broken);
    expect(problems).toEqual(expect.arrayContaining(['QueryLanguage JSONata', 'A: Assign', 'B: ItemReader', 'B: Map mode DISTRIBUTED', 'C: HeartbeatSeconds', `C: waitForTaskToken outside ${AWAIT_CLOSE_STATE}, ${AWAIT_SIGN_OFF_STATE}`]));
    expect(() => new LocalWorkflowEngine({ ...app, definition: broken })).toThrow(/cannot honour/);
  });

  it('never falls through to real AWS: a Task whose handler cannot load fails the execution', async () => {
    const engine = new LocalWorkflowEngine(app, {
      retryIntervalMs: 0,
      loadHandler: async (job) => {
        throw new Error(`no handler for ${job}`);
      },
    });
    await engine.start('no-handlers', { year: 2020, mode: 'close' });
    await engine.settled();
    expect(engine.executions.get('no-handlers')).toMatchObject({ status: 'FAILED' });
  });
});
