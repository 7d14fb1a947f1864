// The draft files of a close awaiting sign-off (SPEC section 3): where RenderDraft writes them,
// and reading them back for the province (`?draft=1` on the downloads). A module of its own so
// that the download jobs' bundles carry none of the close or the sign-off.
import { getFile } from '../adapters/files.ts';
import { fileKey } from '../adapters/table-keys.ts';
import type { Role } from '../domain/types.ts';
import { loadCycle } from './common.ts';
import { Conflict, Forbidden } from './errors.ts';
import { msg } from './messages.ts';

/** The draft files of a revision: the published names under draft/, replaced by each rendering. */
export const draftFiles = (year: number, revision: number) => ({
  pdf: fileKey(year, revision, `draft/bao-cao-${year}.pdf`),
  csv: fileKey(year, revision, `draft/khen-thuong-${year}.csv`),
  json: fileKey(year, revision, `draft/tong-hop-${year}.json`),
  commendations: fileKey(year, revision, 'draft/commendations.json'),
  docx: fileKey(year, revision, `draft/bao-cao-${year}.docx`),
});

export type DraftFileKind = keyof ReturnType<typeof draftFiles>;

/** A draft file (`?draft=1` on the downloads): the province's only, while the cycle is `draft`. */
export async function draftFileKey(year: number, role: Role | undefined, kind: DraftFileKind): Promise<{ key: string; revision: number }> {
  if (role !== 'province') throw new Forbidden(msg.draftProvinceOnly());
  const cycle = await loadCycle(year);
  if (cycle.status !== 'draft' || cycle.closingRevision === undefined || !cycle.draftRevision) throw new Conflict(msg.noDraft(year));
  return { key: draftFiles(year, cycle.closingRevision)[kind], revision: cycle.closingRevision };
}

/** The draft file's bytes. Not checked against a digest: each rendering replaces them. */
export async function draftFileBody(year: number, key: string): Promise<Buffer> {
  const body = await getFile(key);
  if (!body) throw new Conflict(msg.noDraft(year));
  return body;
}
