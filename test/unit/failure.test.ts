// A failed close, as the province reads it: the kind of failure from what Step Functions
// caught (realistic AWS causes, with ARNs and account ids), and a message for it that carries
// the step and the reference but nothing of the raw cause.
import { describe, expect, it } from 'vitest';
import { classifyFailure, FAILURE_KINDS, readCaught, type FailureKind } from '../../shared/domain/failure.ts';
import { msg } from '../../shared/app/messages.ts';

const lambdaCause = (errorType: string, errorMessage: string) => JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, '    at /var/task/index.mjs:1:2345'] });

const CASES: { what: string; error: string; cause: string; kind: FailureKind }[] = [
  {
    what: 'DynamoDB refuses the role',
    error: 'AccessDeniedException',
    cause: lambdaCause('AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/Tongket-Rolefreeze/Tongket-Fnfreeze is not authorized to perform: dynamodb:UpdateItem on resource: arn:aws:dynamodb:ap-southeast-1:123456789012:table/Tongket-Table because no identity-based policy allows the dynamodb:UpdateItem action'),
    kind: 'database',
  },
  { what: 'the table is gone', error: 'ResourceNotFoundException', cause: lambdaCause('ResourceNotFoundException', 'Requested resource not found'), kind: 'database' },
  {
    what: 'S3 refuses the role',
    error: 'AccessDenied',
    cause: lambdaCause('AccessDenied', 'User: arn:aws:sts::123456789012:assumed-role/Tongket-Rolerender/x is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::tongket-files-abc/cycles/2022/r1/bao-cao-2022.pdf"'),
    kind: 'storage',
  },
  { what: 'the bucket is gone', error: 'NoSuchBucket', cause: lambdaCause('NoSuchBucket', 'The specified bucket does not exist'), kind: 'storage' },
  { what: 'an intermediate file is missing', error: 'WorkFileMissing', cause: lambdaCause('WorkFileMissing', 'The rollup of unit DB-MN is missing'), kind: 'storage' },
  { what: 'the registry has no root unit', error: 'RegistryMissing', cause: lambdaCause('RegistryMissing', 'The registry has no root unit: import it before closing'), kind: 'registry' },
  { what: 'a Task timed out', error: 'States.Timeout', cause: 'The task timed out after 840 seconds', kind: 'timeout' },
  { what: 'the Lambda timed out', error: 'Sandbox.Timedout', cause: lambdaCause('Sandbox.Timedout', '2022-12-20T02:00:00.000Z 7d1c Task timed out after 900.00 seconds'), kind: 'timeout' },
  { what: 'a bug', error: 'TypeError', cause: lambdaCause('TypeError', "Cannot read properties of undefined (reading 'code')"), kind: 'internal' },
  { what: 'our own permanent error', error: 'CloseError', cause: lambdaCause('CloseError', 'Cycle 2022 stopped closing'), kind: 'internal' },
  { what: 'no cause at all', error: 'States.Runtime', cause: '', kind: 'internal' },
];

describe('a failed close', () => {
  it.each(CASES)('$what → $kind', ({ error, cause, kind }) => {
    expect(classifyFailure(readCaught(error, cause))).toBe(kind);
  });

  it('reads the Lambda error type and message out of the Cause', () => {
    expect(readCaught('Lambda.Unknown', lambdaCause('NoSuchBucket', 'The specified bucket does not exist'))).toEqual({ name: 'NoSuchBucket', message: 'The specified bucket does not exist' });
    expect(readCaught('States.Timeout', 'not json')).toEqual({ name: 'States.Timeout', message: 'not json' });
  });

  it('tells the province the kind, the step and the reference, in both languages, and nothing of the cause', () => {
    for (const kind of FAILURE_KINDS) {
      const text = msg.closeFailure(kind, 'RenderReport', 'TK-0123456789');
      expect(text.vi).toContain('“Lập báo cáo PDF, Word, CSV, JSON”');
      expect(text.en).toContain('“Render the PDF, Word, CSV and JSON”');
      for (const lang of ['vi', 'en'] as const) {
        expect(text[lang]).toContain('TK-0123456789');
        expect(text[lang]).not.toMatch(/arn:|\d{12}|Exception|undefined/);
      }
    }
    const texts = FAILURE_KINDS.map((kind) => msg.closeFailure(kind, 'Freeze', 'TK-1').vi);
    expect(new Set(texts).size).toBe(FAILURE_KINDS.length);
    expect(msg.closeFailure('registry', 'ReviewGate', 'TK-1').vi).toContain('nhập lại danh sách đơn vị và hội');
  });
});
