// The one place a Lambda's configuration is read: the process environment, validated once per
// process at first use (a cold start reads it on its first request), never read anywhere else
// on the Lambda side. A variable a job needs and does not have fails with its name.
// The embedded runtime sets the environment when it starts a stack (and tests between stacks):
// it calls resetEnv() through the adapters' reset functions, and the next read validates again.
import * as z from 'zod/mini'; // the mini build: a few KB in each bundle, not the full zod

const optional = z.optional(z.string().check(z.minLength(1)));

/** A base URL the access links may start with: http(s), a host, a path perhaps, no query or fragment. */
export const BASE_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;

const SCHEMA = z.object({
  /** the single table (every job with a table role) */
  TABLE_NAME: optional,
  /** the files bucket (jobs that read or write files) */
  BUCKET_NAME: optional,
  /** embedded runtime: DynamoDB Local, its region and credentials */
  DYNAMODB_ENDPOINT: optional,
  DYNAMODB_REGION: optional,
  DYNAMODB_ACCESS_KEY_ID: optional,
  DYNAMODB_SECRET_ACCESS_KEY: optional,
  /** embedded runtime: s3rver */
  S3_ENDPOINT: optional,
  /** the key set: a file (embedded) or a Secrets Manager secret (AWS) */
  TONGKET_SIGNING_KEY_FILE: optional,
  SIGNING_KEY_SECRET_ARN: optional,
  /**
   * published files as short-lived S3 links ('presign', AWS) or served inline ('inline', embedded);
   * the message is its own: zod/mini registers no locale (its default is "Invalid input"; classic
   * zod's English ones came with the domain schemas until they moved to zod/mini)
   */
  TONGKET_DOWNLOADS: z.optional(z.enum(['presign', 'inline'], 'not presign or inline')),
  /** a simulated start of time (demo, tests) */
  TONGKET_CLOCK_START: z.optional(z.string().check(z.refine((v) => v === '' || !Number.isNaN(Date.parse(v)), 'not a date'))),
  /** the fonts inside a Lambda bundle */
  TONGKET_FONT_DIR: optional,
  /** the state machine the close and the waits run in (the jobs that start executions) */
  STATE_MACHINE_ARN: optional,
  /** the period review's state machine (SPEC section 12; the job that closes a period) */
  PERIOD_STATE_MACHINE_ARN: optional,
  /** the sender address of reminders and notices on AWS (an identity verified in Amazon SES) */
  MAIL_SENDER: optional,
  /**
   * the address the access links start with (GET /cycles/{year}/links), e.g.
   * https://tongket.example.gov.vn; unset: the request's own Host (and X-Forwarded-Proto)
   */
  PUBLIC_BASE_URL: z.optional(z.string().check(z.refine((v) => BASE_URL.test(v), 'not an http(s) URL without query or fragment'))),
  /** the embedded server's own address: the links in messages when PUBLIC_BASE_URL is not set */
  TONGKET_EMBEDDED_URL: optional,
  /** the pages job: the office to call, written on every page (data-office-name / data-office-phone) */
  OFFICE_CONTACT_NAME: optional,
  OFFICE_CONTACT_PHONE: optional,
  /** set by the Lambda runtime: logs and metrics go to stdout (CloudWatch), not to a local sink */
  AWS_LAMBDA_FUNCTION_NAME: optional,
  /** set by the Lambda runtime: where the bundle (and the pages' web build beside it) lies */
  LAMBDA_TASK_ROOT: optional,
});

export type Env = z.infer<typeof SCHEMA>;
export type EnvName = keyof Env;

let parsed: Env | undefined;

/** The environment, validated: an invalid value fails with the variable's name. */
export function environment(): Env {
  if (!parsed) {
    const raw: Record<string, string | undefined> = {};
    for (const name of Object.keys(SCHEMA.shape)) {
      const value = process.env[name];
      // an empty variable is an unset one (as the adapters always read them)
      raw[name] = value === '' ? undefined : value;
    }
    const result = z.safeParse(SCHEMA, raw);
    if (!result.success) {
      const names = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
      throw new Error(`Invalid environment variable ${names.join(', ')}: ${result.error.issues.map((i) => i.message).join('; ')}`);
    }
    parsed = result.data;
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
