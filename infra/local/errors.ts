// Errors raised while starting the embedded stack (DynamoDB Local, s3rver, the HTTP port).
// They are meant to be printed as they are, without a stack trace: the message says what
// went wrong and what to do, in Vietnamese then English.

export class EmbeddedStackError extends Error {
  override readonly name = 'EmbeddedStackError';
  /** the Vietnamese half of the message */
  readonly vi: string;
  /** the English half of the message */
  readonly en: string;
  /** extra lines (e.g. the tail of a child process's stderr), already part of `message` */
  readonly detail: string | undefined;

  constructor(vi: string, en: string, options: { detail?: string; cause?: unknown } = {}) {
    const detail = options.detail?.trim() ? options.detail.trim() : undefined;
    super(`${vi}\n${en}${detail ? `\n---\n${detail}` : ''}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.vi = vi;
    this.en = en;
    this.detail = detail;
  }
}
