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
  'record-draft',
  'await-sign-off',
  'publish',
  'record-failure',
] as const;
export type WorkflowJob = (typeof WORKFLOW_JOBS)[number];

/** The state that waits, holding a task token, until the province triggers the close. */
export const AWAIT_CLOSE_STATE = 'AwaitClose';
/** The state that waits, holding a task token, for the province's sign-off of a draft. */
export const AWAIT_SIGN_OFF_STATE = 'AwaitSignOff';
/** The states whose Task waits for a task token (the local runtime emulates it for these only). */
export const TASK_TOKEN_STATES: readonly string[] = [AWAIT_CLOSE_STATE, AWAIT_SIGN_OFF_STATE];
/** How long AwaitSignOff waits before it stores a fresh token and waits again (under Node's 24.8-day timer limit). */
export const SIGN_OFF_WAIT = Duration.days(20);
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
  const lambdaTask = (id: string, job: WorkflowJob, comment: string, payload?: sfn.TaskInput) => {
    const task = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fns[job],
      payload,
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
  const superseded = new sfn.Succeed(scope, 'Superseded', { comment: 'Another execution closes this cycle.' });

  // The sign-off (SPEC section 3): a draft, rendered again on each change of the document
  // details, until the province publishes. Every race (a PATCH while a draft renders, a
  // publish while no token waits) ends in an error caught here, decided by the write that
  // refused it (shared/adapters/cycle-store.ts).
  const renderDraft = lambdaTask(
    'RenderDraft',
    'render-report',
    'Writes the files of this revision marked DỰ THẢO, under its draft/ prefix.',
    sfn.TaskInput.fromObject({ 'year.$': '$.year', 'revision.$': '$.revision', draft: true }),
  );
  const recordDraft = lambdaTask('RecordDraft', 'record-draft', 'The cycle is draft, draftRevision one more (unless a publication was requested meanwhile).');
  const awaitSignOff = new tasks.LambdaInvoke(scope, AWAIT_SIGN_OFF_STATE, {
    lambdaFunction: fns['await-sign-off'],
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    retryOnServiceExceptions: false,
    comment: 'Stores the task token on the cycle; PATCH /cycles/{year}/document sends it back to render again, POST /cycles/{year}/publish to publish.',
    payload: sfn.TaskInput.fromObject({
      'year.$': '$.year',
      'revision.$': '$.revision',
      'execution.$': '$$.Execution.Name',
      'taskToken': sfn.JsonPath.taskToken,
    }),
    taskTimeout: sfn.Timeout.duration(SIGN_OFF_WAIT),
    // {action: 'render' | 'publish'}
    resultPath: '$.signOff',
  });
  awaitSignOff.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 4 });
  awaitSignOff.addCatch(renderDraft, { errors: ['DocumentChanged'], resultPath: sfn.JsonPath.DISCARD });
  awaitSignOff.addCatch(render, { errors: ['PublishAlreadyRequested'], resultPath: sfn.JsonPath.DISCARD });
  awaitSignOff.addCatch(superseded, { errors: ['Superseded'], resultPath: sfn.JsonPath.DISCARD });
  // A sign-off may take longer than a timer lasts: wait again with a fresh token.
  awaitSignOff.addCatch(awaitSignOff, { errors: ['States.Timeout'], resultPath: sfn.JsonPath.DISCARD });
  catchInto(awaitSignOff);
  recordDraft.addCatch(render, { errors: ['PublishAlreadyRequested'], resultPath: sfn.JsonPath.DISCARD });
  catchInto(recordDraft);
  catchInto(renderDraft);
  renderDraft.next(recordDraft).next(awaitSignOff).next(
    new sfn.Choice(scope, 'AfterSignOff')
      .when(sfn.Condition.stringEquals('$.signOff.action', 'publish'), render)
      .otherwise(renderDraft),
  );

  const closing = freeze
    .next(gate)
    .next(aggregateUnits)
    .next(rollup)
    .next(commend)
    .next(
      new sfn.Choice(scope, 'SignOffOrPublish', { comment: 'SelectCommendations says whether the configuration asks for a sign-off still to come.' })
        .when(sfn.Condition.and(sfn.Condition.isPresent('$.signOff'), sfn.Condition.booleanEquals('$.signOff', true)), renderDraft)
        .otherwise(render),
    );
  render.next(publish).next(published);
  // A wake-up (the due time may have moved: a registry import, a configuration change) looks
  // at the due time now instead of sleeping until the old one; anything else is the close.
  awaitClose.next(
    new sfn.Choice(scope, 'AfterWait')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.resumed.wake'), sfn.Condition.booleanEquals('$.resumed.wake', true)), checkAutoClose)
      .otherwise(freeze),
  );
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
    // A draft found after a restart of the embedded runtime waits for its sign-off again.
    .when(sfn.Condition.stringEquals('$.mode', 'signoff'), awaitSignOff)
    .otherwise(awaitClose);
}

/** Jobs that the period review's state machine invokes (SPEC section 12). */
export const PERIOD_WORKFLOW_JOBS = ['read-period-years', 'select-period-commendations', 'render-period', 'publish-period', 'record-period-failure'] as const;
export type PeriodWorkflowJob = (typeof PERIOD_WORKFLOW_JOBS)[number];

/**
 * The close of a period review: read the years' latest published revisions, select the period's
 * commended collectives, render, publish; any failure is recorded on the period (close_failed)
 * so that closing again resumes with identical files. Payloads carry the code and the revision.
 */
export function buildPeriodDefinition(scope: Construct, fns: Record<PeriodWorkflowJob, IFunction>): sfn.IChainable {
  const recordFailure = new tasks.LambdaInvoke(scope, 'RecordPeriodFailure', {
    lambdaFunction: fns['record-period-failure'],
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
    comment: 'Marks the period close_failed with the kind of failure, so that closing again resumes.',
    payload: sfn.TaskInput.fromObject({ 'code.$': '$.code', 'error.$': '$.failure.Error', 'cause.$': '$.failure.Cause' }),
    taskTimeout: sfn.Timeout.duration(Duration.minutes(1)),
  });
  recordFailure.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 4 });
  recordFailure.next(new sfn.Fail(scope, 'PeriodCloseFailed', { error: 'PeriodCloseFailed', causePath: '$.cause' }));

  const task = (id: string, job: PeriodWorkflowJob, comment: string) => {
    const state = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fns[job],
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      comment,
      taskTimeout: sfn.Timeout.duration(Duration.minutes(job === 'render-period' ? 14 : 5)),
    });
    state.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 4 });
    state.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.failure' });
    return state;
  };
  return task('ReadYears', 'read-period-years', "Reads each year's latest published summary and results (digests checked) and the last year's registry.")
    .next(task('SelectPeriodCommendations', 'select-period-commendations', "Selects the period's commended collectives per level within the quota."))
    .next(task('RenderPeriod', 'render-period', "Writes the period's PDF, CSV and JSON."))
    .next(task('PublishPeriod', 'publish-period', 'Marks the period published with its files and their digests.'))
    .next(new sfn.Succeed(scope, 'PeriodPublished'));
}
