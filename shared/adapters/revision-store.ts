// DynamoDB access for the published revisions: each revision's files and their SHA-256 as the
// close wrote them.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './clients.ts';
import { cyclePk, revisionSk } from './table-keys.ts';

const T = () => tableName();
const db = () => dynamo();

export type PublishedFileKind = 'pdf' | 'csv' | 'json' | 'commendations';
/**
 * The files of a revision published since period reviews (SPEC section 12) also list
 * `results`: the year's approved results (AssociationYearResult[]) that a period reads. Absent
 * on revisions published before; a period close then asks the province to close that year again.
 * Those published since the office exports (SPEC section 11) list `docx`, the report as a Word
 * file; a revision published before has none until the year is closed again.
 */
export type RevisionFiles = Record<PublishedFileKind, string> & { results?: string; docx?: string };

export interface RevisionRecord {
  revision: number;
  publishedAt: string;
  files: RevisionFiles;
  /**
   * SHA-256 (hex) of each file as the close wrote it. Kept here, not in S3 metadata: whoever
   * can write to the bucket (s3rver takes unsigned writes) could rewrite its metadata too.
   * Absent on revisions published before digests were recorded.
   */
  sha256?: RevisionFiles;
}

export async function putRevision(year: number, record: RevisionRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: T(), Item: { pk: cyclePk(year), sk: revisionSk(record.revision), ...record } }));
}

export async function getRevision(year: number, revision: number): Promise<RevisionRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: revisionSk(revision) }, ConsistentRead: true }));
  return Item ? { revision: Item.revision, publishedAt: Item.publishedAt, files: Item.files, ...(Item.sha256 ? { sha256: Item.sha256 } : {}) } : null;
}
