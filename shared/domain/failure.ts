// What kind of failure ended a close, read from what Step Functions caught: the error name
// and the Lambda's Cause ({"errorType","errorMessage","trace"}). The kind picks the message
// the province reads; the raw cause, which on AWS names ARNs and the account, only goes to
// the logs.

export const FAILURE_KINDS = ['storage', 'database', 'registry', 'timeout', 'internal', 'year_outdated', 'year_altered', 'no_published_year'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** What the cycle keeps of a failed close: no raw cause, a reference into the logs. */
export interface CloseFailure {
  kind: FailureKind;
  /** the reference the log line of the raw cause carries, shown to the province */
  reference: string;
  at: string;
  /** the close step that was running */
  step: string | null;
}

/** Thrown when the registry lacks what the close needs (no province): the province can mend it. */
export const REGISTRY_MISSING = 'RegistryMissing';
/** Thrown when an intermediate file of the close is not in the bucket. */
export const WORK_FILE_MISSING = 'WorkFileMissing';
/** A period close (SPEC section 12): a year's published revision predates the results file; the province closes that year again. */
export const YEAR_OUTDATED = 'YearOutdated';
/** A period close: a year's published file no longer matches its recorded SHA-256. */
export const YEAR_ALTERED = 'YearAltered';
/** A period close: none of the period's years is published (any more). */
export const NO_PUBLISHED_YEAR = 'NoPublishedYear';

const TIMEOUTS = new Set(['States.Timeout', 'States.HeartbeatTimeout', 'Sandbox.Timedout']);
// S3 error codes (REST XML protocol) the close can meet.
const STORAGE_ERRORS = new Set([
  WORK_FILE_MISSING,
  'NoSuchBucket',
  'NoSuchKey',
  'NotFound',
  'AccessDenied',
  'AllAccessDisabled',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'SlowDown',
  'InvalidObjectState',
  'EntityTooLarge',
  'RequestTimeout',
  'S3ServiceException',
  'KMS.DisabledException',
]);
// DynamoDB error names (JSON protocol).
const DATABASE_ERRORS = new Set([
  'ResourceNotFoundException',
  'ProvisionedThroughputExceededException',
  'ConditionalCheckFailedException',
  'TransactionCanceledException',
  'TransactionConflictException',
  'ItemCollectionSizeLimitExceededException',
  'RequestLimitExceeded',
  'ValidationException',
  'ThrottlingException',
  'InternalServerError',
  'DynamoDBServiceException',
]);

export interface CaughtError {
  /** Step Functions' Error: the Lambda's errorType, or States.* */
  name: string;
  /** the Lambda's errorMessage, or the raw Cause when it is not Lambda's JSON */
  message: string;
}

/** Step Functions' Error and Cause, read into a name and a message. */
export function readCaught(error: string | undefined, cause: string | undefined): CaughtError {
  let name = error ?? 'Error';
  let message = cause ?? '';
  if (cause) {
    try {
      const parsed = JSON.parse(cause) as { errorMessage?: unknown; errorType?: unknown };
      if (typeof parsed.errorType === 'string' && parsed.errorType) name = parsed.errorType;
      if (typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
    } catch {
      // not JSON: a States.* cause, kept as is
    }
  }
  return { name, message };
}

export function classifyFailure(caught: CaughtError): FailureKind {
  const { name, message } = caught;
  if (name === REGISTRY_MISSING) return 'registry';
  if (name === YEAR_OUTDATED) return 'year_outdated';
  if (name === YEAR_ALTERED) return 'year_altered';
  if (name === NO_PUBLISHED_YEAR) return 'no_published_year';
  if (TIMEOUTS.has(name) || /\bTask timed out\b/i.test(message)) return 'timeout';
  // The resource named in the message decides first: AccessDenied(Exception) is both services'.
  if (/arn:aws[\w-]*:dynamodb:|\bdynamodb:/i.test(message)) return 'database';
  if (/arn:aws[\w-]*:s3:|\bs3:|\bbucket\b/i.test(message)) return 'storage';
  // The embedded store (s3rver) passes a failed write through as an InternalError naming itself.
  if (/\bs3rver\b|\b(EISDIR|ENOSPC|EACCES|EROFS|EDQUOT)\b/.test(message)) return 'storage';
  if (STORAGE_ERRORS.has(name)) return 'storage';
  if (DATABASE_ERRORS.has(name) || name === 'AccessDeniedException') return 'database';
  return 'internal';
}
