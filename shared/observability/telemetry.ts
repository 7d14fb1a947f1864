// What a job tells its operator: Powertools Logger (JSON lines, one per request or Task with
// its correlation id) and Powertools Metrics (CloudWatch EMF, namespace "Tongket", one service
// per job). On AWS both write to the function's log group, where CloudWatch turns the EMF
// lines into metrics. The embedded runtime gives them a sink (useLocalSink): the JSON lines
// and the EMF go to a log file in the data directory, and one readable line per request or
// Task to the console. Anywhere else (tests, the bench calling handlers directly) logs from
// WARN up go to stderr, as the one console.error of before did, and no metric is written.
import { Console } from 'node:console';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { environment } from '../env.ts';

export { MetricUnit };

/** The CloudWatch namespace of every metric. */
export const METRICS_NAMESPACE = 'Tongket';

/** The metric names (README "Operating" lists them). */
export const METRIC = {
  /** every HTTP request, dimension `service` (the job) */
  requests: 'Requests',
  /** a report submitted (first time or a new version) */
  submissions: 'Submissions',
  /** of those, submitted after the deadline */
  lateSubmissions: 'LateSubmissions',
  /** a review that approved a report */
  reviewsApproved: 'ReviewsApproved',
  /** a review that returned a report */
  reviewsReturned: 'ReviewsReturned',
  /** a review that took an approval back (the report is submitted again) */
  reviewsReopened: 'ReviewsReopened',
  /** milliseconds one close step (one Task) took, dimension `service` (the job) */
  closeStepDuration: 'CloseStepDuration',
  /** milliseconds of a Task that is not a close step: the waits (AwaitClose, CheckAutoClose) and RecordFailure */
  taskDuration: 'TaskDuration',
  /** a 5xx answer or a Task that failed */
  failures: 'Failures',
} as const;

export interface Telemetry {
  logger: Logger;
  metrics: Metrics;
}

/** Where the embedded runtime wants the output. */
export interface LocalSink {
  /** the JSON log lines and the EMF lines */
  json: NodeJS.WritableStream;
  /** one readable line per request or Task */
  line: (text: string) => void;
}

let sink: LocalSink | undefined;
const made = new Map<string, Telemetry>();

/** The job's logger and metrics, made once per process (the embedded runtime runs every job in one). */
export function telemetryFor(job: string): Telemetry {
  let telemetry = made.get(job);
  if (!telemetry) {
    const inLambda = Boolean(environment().AWS_LAMBDA_FUNCTION_NAME);
    const serviceName = `tongket-${job}`;
    const logger = new Logger({ serviceName, ...(inLambda || sink ? {} : { logLevel: 'WARN' }) });
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName, logger });
    telemetry = { logger, metrics };
    direct(telemetry, inLambda);
    made.set(job, telemetry);
  }
  return telemetry;
}

/**
 * The embedded runtime's sink, or none again (`undefined`) when its stack stops. Loggers
 * already made follow it.
 */
export function useLocalSink(next: LocalSink | undefined): void {
  sink = next;
  const inLambda = Boolean(environment().AWS_LAMBDA_FUNCTION_NAME);
  for (const telemetry of made.values()) direct(telemetry, inLambda);
}

/** The readable line of a request or a Task, when someone shows them (the embedded console). */
export function showLine(text: string): void {
  sink?.line(text);
}

// Powertools writes through a Console of its own (process.stdout in Lambda); pointing that
// Console elsewhere is the one way to move both the JSON logs and the EMF without a custom
// formatter. The property is private in the types, present in the code of 2.x.
function direct({ logger, metrics }: Telemetry, inLambda: boolean): void {
  if (inLambda) return;
  const out = sink ? new Console({ stdout: sink.json, stderr: sink.json }) : new Console({ stdout: process.stderr, stderr: process.stderr });
  (logger as unknown as { console: Console }).console = out;
  (metrics as unknown as { console: Console }).console = out;
  logger.setLogLevel(sink ? 'INFO' : 'WARN');
  // No metric leaves a process that is neither a Lambda nor the embedded runtime.
  (metrics as unknown as { disabled: boolean }).disabled = !sink;
}
