// The one place a Lambda's configuration is read: the process environment, validated once per
// process at first use (a cold start reads it on its first request), never read anywhere else
// on the Lambda side. A variable a job needs and does not have fails with its name.
// The embedded runtime sets the environment when it starts a stack (and tests between stacks):
// it calls resetEnv() through the adapters' reset functions, and the next read validates again.
//
// The checks are a table, not a schema library's object: every API job reads this module at
// its cold start, and building even zod/mini's schema for these variables, then parsing with it,
// was a third of the work a public job (health, the pages) does when its module loads; the
// domain's schemas, which validate what callers send, stay on zod/mini.

/** A base URL the access links may start with: http(s), a host, a path perhaps, no query or fragment. */
export const BASE_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;

/** What is wrong with a set value, or undefined when it is fine. */
type Check = (value: string) => string | undefined;

const anyText: Check = () => undefined;
const DOWNLOAD_MODES = ['presign', 'inline'] as const;

const VARIABLES = {
  /** the single table (every job with a table role) */
  TABLE_NAME: anyText,
  /** the files bucket (jobs that read or write files) */
  BUCKET_NAME: anyText,
  /** embedded runtime: DynamoDB Local, its region and credentials */
  DYNAMODB_ENDPOINT: anyText,
  DYNAMODB_REGION: anyText,
  DYNAMODB_ACCESS_KEY_ID: anyText,
  DYNAMODB_SECRET_ACCESS_KEY: anyText,
  /** embedded runtime: s3rver */
  S3_ENDPOINT: anyText,
  /** the key set: a file (embedded) or a Secrets Manager secret (AWS) */
  TONGKET_SIGNING_KEY_FILE: anyText,
  SIGNING_KEY_SECRET_ARN: anyText,
  /** published files as short-lived S3 links ('presign', AWS) or served inline ('inline', embedded) */
  TONGKET_DOWNLOADS: (value) => ((DOWNLOAD_MODES as readonly string[]).includes(value) ? undefined : 'not presign or inline'),
  /** a simulated start of time (demo, tests) */
  TONGKET_CLOCK_START: (value) => (Number.isNaN(Date.parse(value)) ? 'not a date' : undefined),
  /** the fonts inside a Lambda bundle */
  TONGKET_FONT_DIR: anyText,
  /** the state machine the close and the waits run in (the jobs that start executions) */
  STATE_MACHINE_ARN: anyText,
  /** the period review's state machine (SPEC section 12; the job that closes a period) */
  PERIOD_STATE_MACHINE_ARN: anyText,
  /** the sender address of reminders and notices on AWS (an identity verified in Amazon SES) */
  MAIL_SENDER: anyText,
  /**
   * the address the access links start with (GET /cycles/{year}/links), e.g.
   * https://tongket.example.gov.vn; unset: the request's own Host (and X-Forwarded-Proto)
   */
  PUBLIC_BASE_URL: (value) => (BASE_URL.test(value) ? undefined : 'not an http(s) URL without query or fragment'),
  /** the embedded server's own address: the links in messages when PUBLIC_BASE_URL is not set */
  TONGKET_EMBEDDED_URL: anyText,
  /** the pages job: the office to call, written on every page (data-office-name / data-office-phone) */
  OFFICE_CONTACT_NAME: anyText,
  OFFICE_CONTACT_PHONE: anyText,
  /** set by the Lambda runtime: logs and metrics go to stdout (CloudWatch), not to a local sink */
  AWS_LAMBDA_FUNCTION_NAME: anyText,
  /** set by the Lambda runtime: where the bundle (and the pages' web build beside it) lies */
  LAMBDA_TASK_ROOT: anyText,
} satisfies Record<string, Check>;

export type EnvName = keyof typeof VARIABLES;
/** Every variable is optional: a set one is a non-empty text that passed its check. */
export type Env = { [Name in Exclude<EnvName, 'TONGKET_DOWNLOADS'>]?: string } & { TONGKET_DOWNLOADS?: (typeof DOWNLOAD_MODES)[number] };

let parsed: Env | undefined;

/** The environment, validated: an invalid value fails with the variable's name. */
export function environment(): Env {
  if (!parsed) {
    const values: Record<string, string> = {};
    const faults: { name: EnvName; fault: string }[] = [];
    for (const [name, check] of Object.entries(VARIABLES) as [EnvName, Check][]) {
      const value = process.env[name];
      // an empty variable is an unset one (as the adapters always read them)
      if (value === undefined || value === '') continue;
      const fault = check(value);
      if (fault) faults.push({ name, fault });
      else values[name] = value;
    }
    if (faults.length) throw new Error(`Invalid environment variable ${faults.map((f) => f.name).join(', ')}: ${faults.map((f) => `${f.name}: ${f.fault}`).join('; ')}`);
    parsed = values as Env;
  }
  return parsed;
}

/** A variable the caller cannot do without: missing, it fails with its name. */
export function requiredEnv(name: EnvName): string {
  const value = environment()[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

/** The embedded runtime and tests, after they change the process environment. */
export function resetEnv(): void {
  parsed = undefined;
}
