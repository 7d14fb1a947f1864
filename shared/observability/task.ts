// The chain of every state-machine Task: the job's Powertools Logger and Metrics around the
// use case, one log line per Task (correlation id: the execution's name when the Task is
// given it, else the close it works on, `close-<year>-r<revision>`), the step's duration as
// the CloseStepDuration metric (TaskDuration for the waits and RecordFailure), a failure logged with its raw cause and counted in Failures
// (the state machine catches it and RecordFailure turns it into the province's message).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { METRIC, MetricUnit, showLine, telemetryFor } from './telemetry.ts';

/** The Tasks that are steps of the close (CloseStepDuration); the waits and RecordFailure count as TaskDuration. */
const CLOSE_STEP_JOBS = new Set(['freeze', 'review-gate', 'aggregate-unit', 'rollup-province', 'select-commendations', 'render-report', 'publish']);

interface TaskInput {
  year?: unknown;
  /** a period review's code (its state machine's Tasks) */
  code?: unknown;
  revision?: unknown;
  execution?: unknown;
  unit?: unknown;
}

export function taskHandler<In, Out>(job: string, fn: (input: In) => Promise<Out>) {
  const { logger, metrics } = telemetryFor(job);
  const started = new WeakMap<object, number>();
  const done = (request: middy.Request<In, Out>) => {
    const input = (request.event ?? {}) as TaskInput;
    const durationMs = Math.round(performance.now() - (started.get(request as object) ?? performance.now()));
    const fields = { task: job, year: input.year, code: input.code, revision: input.revision, unit: input.unit, durationMs };
    metrics.addMetric(CLOSE_STEP_JOBS.has(job) ? METRIC.closeStepDuration : METRIC.taskDuration, MetricUnit.Milliseconds, durationMs);
    if (request.error) {
      metrics.addMetric(METRIC.failures, MetricUnit.Count, 1);
      logger.error('task failed', { ...fields, error: request.error });
    } else {
      logger.info('task', fields);
    }
    const what = [input.year, typeof input.code === 'string' ? input.code : undefined, typeof input.unit === 'string' ? input.unit : undefined].filter((v) => v !== undefined).join(' ');
    showLine(`task ${job}${what ? ` ${what}` : ''} ${request.error ? `failed ${durationMs} ms  ${String(request.error)}` : `ok ${durationMs} ms`}`);
  };
  return middy<In, Out, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use({
      before: (request) => {
        started.set(request as object, performance.now());
        const input = (request.event ?? {}) as TaskInput;
        const correlation =
          typeof input.execution === 'string'
            ? input.execution
            : typeof input.code === 'string'
              ? `period-${input.code}${input.revision === undefined ? '' : `-r${String(input.revision)}`}`
              : `close-${String(input.year)}${input.revision === undefined ? '' : `-r${String(input.revision)}`}`;
        logger.setCorrelationId(correlation);
      },
      after: done,
      onError: done,
    })
    .handler((input) => fn(input));
}
