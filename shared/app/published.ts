// Reading what a close published: the summary, the commended list, the PDF, the Word file.
import { downloadUrl, getFile, sha256Hex } from '../adapters/files.ts';
import { getRevision, type PublishedFileKind, type RevisionRecord } from '../adapters/revision-store.ts';
import { Conflict, FileIntegrity, invalid, notFound } from './errors.ts';
import { msg } from './messages.ts';
import { loadCycle } from './common.ts';

export async function publishedRevision(year: number, rawRevision: string | undefined): Promise<RevisionRecord> {
  const cycle = await loadCycle(year);
  if (cycle.revision < 1) throw new Conflict(msg.notPublished(year));
  let revision = cycle.revision;
  if (rawRevision !== undefined) {
    if (!/^[1-9][0-9]{0,5}$/.test(rawRevision)) throw invalid(msg.badRevision(), { revision: msg.badRevision() });
    revision = Number(rawRevision);
  }
  const record = await getRevision(year, revision);
  if (!record) throw notFound(msg.revisionNotFound(revision), { revision: msg.revisionNotFound(revision) });
  return record;
}

/**
 * A published file, checked against the SHA-256 its close recorded in the revision item.
 * A file that no longer matches (rewritten in the bucket) is refused with 500
 * `file_integrity`: the fault is the server's storage, not the request, so no 4xx; a retry
 * cannot mend it, so no 503; and on AWS it counts among the 5xx that an alarm watches.
 */
export async function publishedFile(record: RevisionRecord, kind: PublishedFileKind | 'docx'): Promise<Buffer> {
  const key = record.files[kind];
  // A revision published before the Word file existed lists none.
  if (key === undefined) throw new Conflict(msg.noWordFile(record.revision));
  const body = await getFile(key);
  if (!body) throw new Error(`Published file ${key} is missing from the bucket`);
  const expected = record.sha256?.[kind];
  if (expected !== undefined) {
    const actual = sha256Hex(body);
    if (actual !== expected) {
      console.error(JSON.stringify({ level: 'error', event: 'published_file_mismatch', key, revision: record.revision, expected, actual, bytes: body.length }));
      throw new FileIntegrity(msg.publishedFileAltered(key.slice(key.lastIndexOf('/') + 1), record.revision));
    }
  }
  return body;
}

export { downloadUrl };
