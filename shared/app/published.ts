// Reading what a close published: the summary, the commended list, the PDF.
import { downloadUrl, getFile } from '../adapters/files.ts';
import { getRevision, type RevisionRecord } from '../adapters/store.ts';
import { ApiError, notFound, validationFailed } from '../http/errors.ts';
import { msg } from '../http/messages.ts';
import { loadCycle } from './common.ts';

export async function publishedRevision(year: number, rawRevision: string | undefined): Promise<RevisionRecord> {
  const cycle = await loadCycle(year);
  if (cycle.revision < 1) throw new ApiError(409, 'conflict', msg.notPublished(year));
  let revision = cycle.revision;
  if (rawRevision !== undefined) {
    if (!/^[1-9][0-9]{0,5}$/.test(rawRevision)) throw validationFailed(msg.badRevision(), { revision: msg.badRevision() });
    revision = Number(rawRevision);
  }
  const record = await getRevision(year, revision);
  if (!record) throw notFound(msg.revisionNotFound(revision), { revision: msg.revisionNotFound(revision) });
  return record;
}

export async function publishedFile(key: string): Promise<Buffer> {
  const body = await getFile(key);
  if (!body) throw new Error(`Published file ${key} is missing from the bucket`);
  return body;
}

export { downloadUrl };
