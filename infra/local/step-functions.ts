// The embedded Step Functions: the synthesized definition run in-process by
// aws-local-stepfunctions, each Task calling the same handler module the Lambda bundles.
import '../../shared/polyfills.ts';
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { CycleExecutionInput, Machine, PeriodExecutionInput, WorkflowEngine } from '../../shared/adapters/workflow.ts';
import { TASK_TOKEN_STATES } from '../state-machine.ts';
import { allStates, unsupportedFeatures, type AslDefinition, type SynthesizedApp } from './asl.ts';

export type JobHandler = (input: unknown, context: unknown) => Promise<unknown>;
const TOKEN_PLACEHOLDER = '__TONGKET_TASK_TOKEN__';

export interface LocalExecution {
  name: string;
  machine: Machine;
  input: CycleExecutionInput | PeriodExecutionInput;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startedAt: string;
  stoppedAt?: string;
  output?: unknown;
  error?: string;
  cause?: string;
}

export interface LocalEngineOptions {
  /** milliseconds between retries instead of the definition's backoff (tests use 0) */
  retryIntervalMs?: number;
  log?: (line: string) => void;
  /** loads a job's handler; defaults to importing functions/<job>/handler.ts */
  loadHandler?: (job: string) => Promise<JobHandler>;
  /** fault injection for tests: wraps the handler a Task state calls */
  wrapTask?: (state: string, handler: JobHandler) => JobHandler;
}

export class InvalidTaskToken extends Error {
  constructor() {
    super('Task token is unknown or no longer waiting');
    this.name = 'InvalidToken';
  }
}

export class LocalWorkflowEngine implements WorkflowEngine {
  readonly executions = new Map<string, LocalExecution>();
  /**
   * State transitions so far, as Step Functions bills them (every state entered, in Map
   * iterations too, and every retry): the bench prices the close with it.
   */
  stateTransitions = 0;
  private readonly machines: Partial<Record<Machine, { machine: StateMachine; taskJobs: Record<string, string> }>> = {};
  private readonly running = new Map<string, { abort: () => void; result: Promise<unknown> }>();
  private readonly waiting = new Map<string, { resolve: (output: unknown) => void; execution: string }>();
  private readonly handlers = new Map<string, Promise<JobHandler>>();
  private readonly loadHandler: (job: string) => Promise<JobHandler>;

  constructor(
    private readonly app: SynthesizedApp,
    private readonly options: LocalEngineOptions = {},
  ) {
    const parts: [Machine, { definition: AslDefinition; taskJobs: Record<string, string> } | undefined][] = [
      ['cycle', app],
      ['period', app.period],
    ];
    for (const [kind, part] of parts) {
      if (!part) continue;
      const problems = unsupportedFeatures(part.definition);
      if (problems.length) throw new Error(`The ${kind} state machine uses what the local runner cannot honour: ${problems.join('; ')}`);
      this.machines[kind] = { machine: new StateMachine(localDefinition(part.definition) as never, { validationOptions: { checkArn: false } }), taskJobs: part.taskJobs };
    }
    this.loadHandler =
      options.loadHandler ??
      (async (job) => {
        const module = (await import(`../../functions/${job}/handler.ts`)) as { handler?: JobHandler };
        if (typeof module.handler !== 'function') throw new Error(`functions/${job}/handler.ts exports no handler`);
        return module.handler;
      });
  }

  /** Loads every Task's handler now, so a missing one fails at start, not mid-close. */
  async preload(): Promise<void> {
    const jobs = Object.values(this.machines).flatMap((m) => Object.values(m.taskJobs));
    await Promise.all(jobs.map((job) => this.handlerFor(job)));
  }

  private handlerFor(job: string): Promise<JobHandler> {
    let handler = this.handlers.get(job);
    if (!handler) {
      handler = this.loadHandler(job);
      this.handlers.set(job, handler);
    }
    return handler;
  }

  async start(name: string, input: CycleExecutionInput): Promise<void> {
    await this.run('cycle', name, input);
  }

  /** The period review's state machine (SPEC section 12), run the same way. */
  async startPeriod(name: string, input: PeriodExecutionInput): Promise<void> {
    await this.run('period', name, input);
  }

  private async run(kind: Machine, name: string, input: CycleExecutionInput | PeriodExecutionInput): Promise<void> {
    if (this.executions.has(name)) return;
    const definition = this.machines[kind];
    if (!definition) throw new Error(`No ${kind} state machine in the synthesized stack`);
    const execution: LocalExecution = { name, machine: kind, input, status: 'RUNNING', startedAt: new Date().toISOString() };
    this.executions.set(name, execution);
    const taskResourceLocalHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [state, job] of Object.entries(definition.taskJobs)) {
      taskResourceLocalHandlers[state] =
        TASK_TOKEN_STATES.includes(state)
          ? (taskInput) => this.waitForToken(name, job, taskInput)
          : async (taskInput) => {
              // Another Task of this execution runs: its wait for the token is over (a timeout),
              // so the token is no longer valid, as on AWS.
              this.dropWaiters(name);
              const handler = await this.handlerFor(job);
              return (this.options.wrapTask?.(state, handler) ?? handler)(taskInput, lambdaContext(job));
            };
    }
    const retryIntervalOverrides =
      this.options.retryIntervalMs === undefined
        ? undefined
        : Object.fromEntries(Object.keys(definition.taskJobs).map((state) => [state, this.options.retryIntervalMs!]));
    const run = definition.machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never, retryIntervalOverrides },
      context: { Execution: { Id: name, Name: name, StartTime: execution.startedAt }, Task: { Token: TOKEN_PLACEHOLDER } } as never,
      noThrowOnAbort: true,
    });
    void this.countTransitions(run.eventLogs);
    const result = run.result.then(
      (output) => {
        execution.status = output === null ? 'ABORTED' : 'SUCCEEDED';
        execution.output = output;
      },
      (error: unknown) => {
        execution.status = 'FAILED';
        execution.error = (error as Error).name;
        execution.cause = (error as Error).message;
        this.options.log?.(`Thực thi ${name} thất bại / execution ${name} failed: ${(error as Error).message}`);
      },
    );
    this.running.set(name, {
      abort: run.abort,
      result: result.finally(() => {
        this.dropWaiters(name);
        execution.stoppedAt = new Date().toISOString();
        this.running.delete(name);
      }),
    });
  }

  private async countTransitions(events: AsyncGenerator<{ type: string }>): Promise<void> {
    for await (const event of events) if (event.type === 'StateEntered' || event.type === 'StateRetried') this.stateTransitions += 1;
  }

  /** Emulates .waitForTaskToken: a unique token per call, resolved by sendTaskSuccess. */
  private async waitForToken(execution: string, job: string, taskInput: unknown): Promise<unknown> {
    const token = `local:${execution}:${randomUUID()}`;
    const payload = JSON.parse(JSON.stringify((taskInput as { Payload?: unknown }).Payload ?? taskInput).replaceAll(TOKEN_PLACEHOLDER, token));
    const released = new Promise<unknown>((resolve) => this.waiting.set(token, { resolve, execution }));
    try {
      await (await this.handlerFor(job))(payload, lambdaContext(job));
    } catch (error) {
      this.waiting.delete(token);
      throw error;
    }
    return released;
  }

  private dropWaiters(execution: string): void {
    for (const [token, waiter] of this.waiting) if (waiter.execution === execution) this.waiting.delete(token);
  }

  async sendTaskSuccess(token: string, output: unknown): Promise<void> {
    const waiter = this.waiting.get(token);
    if (!waiter) throw new InvalidTaskToken();
    this.waiting.delete(token);
    waiter.resolve(output);
  }

  /** Resolves when no execution is running except those waiting for a task token (a close, a sign-off). */
  async settled(): Promise<void> {
    for (;;) {
      const waitingExecutions = new Set([...this.waiting.values()].map((w) => w.execution));
      const busy = [...this.running.entries()].filter(([name]) => !waitingExecutions.has(name));
      if (busy.length === 0) return;
      await Promise.race(busy.map(([, r]) => r.result));
    }
  }

  /** Stops every execution (the server is shutting down); the stored cycle state tells where to resume. */
  async stop(): Promise<void> {
    for (const { resolve } of this.waiting.values()) resolve(null);
    this.waiting.clear();
    for (const run of this.running.values()) run.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.result));
  }
}

/**
 * aws-local-stepfunctions evaluates a Task's TimeoutSecondsPath against the input after
 * Parameters, where AWS evaluates it against the state's input. A path `$.x` whose value the
 * Payload also carries (`"x.$": "$.x"`) is rewritten to `$.Payload.x`, which gives the local
 * runner the value AWS reads; any other use is refused rather than run wrong.
 */
export function localDefinition(definition: AslDefinition): AslDefinition {
  const copy = structuredClone(definition);
  for (const [name, state] of allStates(copy)) {
    if (state.Type !== 'Task' || typeof state.TimeoutSecondsPath !== 'string') continue;
    const match = /^\$\.([A-Za-z0-9_]+)$/.exec(state.TimeoutSecondsPath);
    const payload = (state.Parameters as { Payload?: Record<string, unknown> } | undefined)?.Payload;
    if (!match || payload?.[`${match[1]}.$`] !== state.TimeoutSecondsPath) {
      throw new Error(`Task "${name}": TimeoutSecondsPath ${state.TimeoutSecondsPath} must also be passed in its Payload to run locally`);
    }
    state.TimeoutSecondsPath = `$.Payload.${match[1]}`;
  }
  return copy;
}

function lambdaContext(job: string) {
  return {
    functionName: `tongket-${job}`,
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => 900_000,
    callbackWaitsForEmptyEventLoop: false,
  };
}
