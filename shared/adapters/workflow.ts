// Starting and resuming the cycle's execution. On AWS this is Step Functions; the embedded
// runtime registers its in-process engine, which runs the same synthesized definition.
import type { SFNClient } from '@aws-sdk/client-sfn';
import { requiredEnv as env } from '../env.ts';

export type CycleExecutionInput =
  /** wait for the close (or the auto-close time), looking again after waitSeconds */
  | { year: number; mode: 'await'; waitSeconds: number }
  /** go straight to closing: a close retried after a failure, or resumed after a restart */
  | { year: number; mode: 'close' }
  /** wait for the province's sign-off of the draft of `revision` (a draft cycle after a restart) */
  | { year: number; mode: 'signoff'; revision: number };

/** The period review's close (SPEC section 12): keys only. */
export interface PeriodExecutionInput {
  code: string;
  revision: number;
}

/** Which state machine: the cycle's (STATE_MACHINE_ARN) or the period review's (PERIOD_STATE_MACHINE_ARN). */
export type Machine = 'cycle' | 'period';

export interface WorkflowEngine {
  start(name: string, input: CycleExecutionInput): Promise<void>;
  /** starts an execution of the period review's state machine */
  startPeriod(name: string, input: PeriodExecutionInput): Promise<void>;
  sendTaskSuccess(token: string, output: unknown): Promise<void>;
}

let localEngine: WorkflowEngine | undefined;

export function useLocalWorkflowEngine(engine: WorkflowEngine | undefined): void {
  localEngine = engine;
}

let sfnClient: SFNClient | undefined;
// Loaded on first use: only opening, closing and reopening talk to Step Functions.
const sfnModule = () => import('@aws-sdk/client-sfn');

async function startExecution(stateMachineArn: string, name: string, input: unknown): Promise<void> {
  const { SFNClient, StartExecutionCommand } = await sfnModule();
  sfnClient ??= new SFNClient({});
  try {
    await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    // The same name started twice is the same execution: starting is idempotent.
    if ((error as { name?: string }).name !== 'ExecutionAlreadyExists') throw error;
  }
}

const stepFunctionsEngine: WorkflowEngine = {
  start: (name, input) => startExecution(env('STATE_MACHINE_ARN'), name, input),
  startPeriod: (name, input) => startExecution(env('PERIOD_STATE_MACHINE_ARN'), name, input),
  async sendTaskSuccess(token, output) {
    const { SFNClient, SendTaskSuccessCommand } = await sfnModule();
    sfnClient ??= new SFNClient({});
    await sfnClient.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
  },
};

export function workflow(): WorkflowEngine {
  return localEngine ?? stepFunctionsEngine;
}

/** Execution names are unique per state machine: year, revision and attempt make them so. */
export function executionName(year: number, revision: number, mode: CycleExecutionInput['mode'], at: Date): string {
  return `cycle-${year}-r${revision}-${mode}-${at.getTime()}`;
}

/** A period's execution name: code, revision and the request time (at most 80 characters: a code has at most 40). */
export function periodExecutionName(code: string, revision: number, at: Date): string {
  return `period-${code}-r${revision}-${at.getTime()}`;
}
