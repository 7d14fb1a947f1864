// The cycle's state machine, written once with CDK constructs. The stack deploys it; the
// embedded runtime synthesizes the same stack, resolves this definition to plain ASL and runs
// it with aws-local-stepfunctions, each Task mapped to the handler of the job it invokes.
//
// Payloads stay tiny whatever the province's size: states pass the year, the revision and
// unit codes; every Task reads and writes the data itself.
import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/** Jobs (folders under functions/) that the state machine invokes. */
export const WORKFLOW_JOBS = [
  'await-close',
  'check-auto-close',
  'freeze',
  'review-gate',
  'aggregate-unit',
  'rollup-province',
  'select-commendations',
  'render-report',
  'publish',
  'record-failure',
] as const;
export type WorkflowJob = (typeof WORKFLOW_JOBS)[number];

/** The state that waits, holding a task token, until the province triggers the close. */
export const AWAIT_CLOSE_STATE = 'AwaitClose';
/** Units aggregated at once by the Map: enough to overlap I/O, few enough to spare the table. */
export const AGGREGATE_MAX_CONCURRENCY = 8;

/**
 * Errors worth retrying: Lambda service hiccups, DynamoDB throttling and transaction
 * conflicts, and our own TransientError. Anything else is a bug or bad data and fails fast
 * into close_failed with its cause.
 */
export const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
  'TransientError',
];

export function buildCycleDefinition(scope: Construct, fns: Record<WorkflowJob, IFunction>): sfn.IChainable {
  /** A Task state that invokes the job's Lambda, with its timeout and the retries of a transient error. */
  const lambdaTask = (id: string, job: WorkflowJob, comment: string) => {
    const task = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fns[job],
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      comment,
      taskTimeout: sfn.Timeout.duration(Duration.minutes(job === 'render-report' ? 14 : 5)),
    });
    task.addRetry({
      errors: TRANSIENT_ERRORS,
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 4,
    });
    return task;
  };

  const recordFailure = new tasks.LambdaInvoke(scope, 'RecordFailure', {
    lambdaFunction: fns['record-failure'],
    payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    comment: 'Marks the cycle close_failed with the cause, so that triggering close again resumes.',
    payload: sfn.TaskInput.fromObject({
      'year.$': '$.year',
      'error.$': '$.failure.Error',
      'cause.$': '$.failure.Cause',
    }),
    taskTimeout: sfn.Timeout.duration(Duration.minutes(1)),
  });
  recordFailure.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 4 });
  // Every Task states its timeout: the local runner's default (60 s) is not AWS's.
  const closeFailed = new sfn.Fail(scope, 'CloseFailed', {
    error: 'CloseFailed',
    causePath: '$.cause',
  });
  recordFailure.next(closeFailed);

  const catchInto = <T extends tasks.LambdaInvoke | sfn.Map>(state: T): T => {
    state.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.failure' });
    return state;
  };

  const awaitClose = new tasks.LambdaInvoke(scope, AWAIT_CLOSE_STATE, {
    lambdaFunction: fns['await-close'],
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    retryOnServiceExceptions: false,
    comment: 'Stores the task token on the cycle; POST /cycles/{year}/close sends it back.',
    payload: sfn.TaskInput.fromObject({
      'year.$': '$.year',
      'waitSeconds.$': '$.waitSeconds',
      'execution.$': '$$.Execution.Name',
      'taskToken': sfn.JsonPath.taskToken,
    }),
    // Wake up at the auto-close time, or every MAX_WAIT_SECONDS to look again: a timer no
    // runtime has trouble with (Node timers overflow past 24.8 days).
    taskTimeout: sfn.Timeout.at('$.waitSeconds'),
    // What the token is sent back with: the close, or a wake-up (see wakeAwaitingExecution).
    resultPath: '$.resumed',
  });
  awaitClose.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 4 });
  const checkAutoClose = new tasks.LambdaInvoke(scope, 'CheckAutoClose', {
    lambdaFunction: fns['check-auto-close'],
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
    comment: 'Closes the cycle if its autoCloseAt has come; else says how long to wait again.',
    // The whole state goes along so that the backoff count survives the wait (a path to a key
    // that may be missing would fail the execution on AWS).
    payload: sfn.TaskInput.fromObject({ 'year.$': '$.year', 'execution.$': '$$.Execution.Name', 'state.$': '$' }),
    taskTimeout: sfn.Timeout.duration(Duration.minutes(1)),
  });
  checkAutoClose.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 4 });
  awaitClose.addCatch(checkAutoClose, { errors: ['States.Timeout'], resultPath: sfn.JsonPath.DISCARD });

  const freeze = catchInto(lambdaTask('Freeze', 'freeze', 'Confirms the cycle is closing (no write passes after this) and fixes the revision.'));
  // The close came before the wait began (see shared/app/close.ts awaitClose).
  awaitClose.addCatch(freeze, { errors: ['CloseAlreadyRequested'], resultPath: sfn.JsonPath.DISCARD });
  const gate = catchInto(lambdaTask('ReviewGate', 'review-gate', 'Lists the units directly under the province, the ones AggregateUnits fans out over.'));
  const aggregateUnit = lambdaTask('AggregateUnit', 'aggregate-unit', 'Aggregates one unit below the province over its subtree.');
  const aggregateUnits = catchInto(
    new sfn.Map(scope, 'AggregateUnits', {
      itemsPath: '$.units',
      maxConcurrency: AGGREGATE_MAX_CONCURRENCY,
      itemSelector: {
        'year.$': '$.year',
        'revision.$': '$.revision',
        'unit.$': '$$.Map.Item.Value',
      },
      resultPath: sfn.JsonPath.DISCARD,
    }),
  );
  aggregateUnits.itemProcessor(aggregateUnit);
  const rollup = catchInto(lambdaTask('RollupProvince', 'rollup-province', 'Combines the unit rollups with the province-level associations.'));
  const commend = catchInto(lambdaTask('SelectCommendations', 'select-commendations', 'Ranks candidates per level within the quota.'));
  const render = catchInto(lambdaTask('RenderReport', 'render-report', 'Writes the PDF, the CSV and the JSON of this revision.'));
  const publish = catchInto(lambdaTask('Publish', 'publish', 'Marks the cycle published with this revision.'));
  const published = new sfn.Succeed(scope, 'Published');

  const closing = freeze.next(gate).next(aggregateUnits).next(rollup).next(commend).next(render).next(publish).next(published);
  // A wake-up (the due time may have moved: a registry import, a configuration change) looks
  // at the due time now instead of sleeping until the old one; anything else is the close.
  awaitClose.next(
    new sfn.Choice(scope, 'AfterWait')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.resumed.wake'), sfn.Condition.booleanEquals('$.resumed.wake', true)), checkAutoClose)
      .otherwise(freeze),
  );
  const superseded = new sfn.Succeed(scope, 'Superseded', { comment: 'Another execution closes this cycle.' });
  awaitClose.addCatch(superseded, { errors: ['Superseded'], resultPath: sfn.JsonPath.DISCARD });
  checkAutoClose.next(
    new sfn.Choice(scope, 'AfterCheck')
      .when(sfn.Condition.stringEquals('$.next', 'close'), freeze)
      .when(sfn.Condition.stringEquals('$.next', 'wait'), awaitClose)
      .otherwise(superseded),
  );

  return new sfn.Choice(scope, 'WaitForClose', {
    comment: 'A new cycle (or one reopened after close) waits; a close retried after a failure goes straight on.',
  })
    .when(sfn.Condition.stringEquals('$.mode', 'close'), closing)
    .otherwise(awaitClose);
}
