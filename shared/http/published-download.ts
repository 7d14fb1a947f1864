// How a published file leaves the API (the jobs get-published-*, get-report-docx): a JSON
// document as the answer's body; a download (the CSV, the PDF, the Word file) as a short-lived S3 link on AWS, the bytes
// themselves locally.
import { parseYear } from '../app/common.ts';
import { downloadUrl, publishedFile, publishedRevision } from '../app/published.ts';
import type { RevisionRecord } from '../adapters/revision-store.ts';
import { environment } from '../env.ts';
import { json, type RequestContext, type Result } from './chain.ts';
import { Conflict, invalid } from '../app/errors.ts';
import { draftFileBody, draftFileKey, type DraftFileKind } from '../app/draft.ts';
import { msg } from '../app/messages.ts';
import { DOCX_TYPE } from '../docx/types.ts';

/** How long a download link works: long enough to start the download, too short to pass around. */
const LINK_SECONDS = 300;

/**
 * The published revision a request asks for (`?revision=`, else the latest), with `?link=`
 * checked first (every published route takes it, as it always has): whether the caller wants
 * the download as a link.
 */
export async function requestedRevision({ path, query }: RequestContext): Promise<{ year: number; revision: RevisionRecord; asLink: boolean }> {
  const year = parseYear(path.year);
  if (query.link !== undefined && query.link !== '1') throw invalid(msg.badLink(), { link: msg.badLink() });
  const asLink = query.link === '1';
  return { year, revision: await publishedRevision(year, query.revision), asLink };
}

/** A published JSON document (the summary, the commended list) as the answer. */
export async function jsonFile(revision: RevisionRecord, kind: 'json' | 'commendations'): Promise<Result> {
  const body = await publishedFile(revision, kind);
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: body.toString('utf8') };
}

/**
 * On AWS a short-lived S3 link; locally the file itself, so a browser on another machine
 * never gets a link to the local S3 port. With `?link=1` the link comes as JSON: a page's
 * fetch() cannot follow a redirect to S3 (its CSP allows connect-src 'self' only, and the
 * bucket answers no CORS), so the page reads the link and navigates to it, which the CSP does
 * not govern. Without a link to give (files served inline) `?link=1` gets the file itself.
 * (On AWS only the stack's roles can write to the bucket: the digest check guards the local
 * store, which takes unsigned writes.)
 */
export async function download(revision: RevisionRecord, kind: 'csv' | 'pdf' | 'docx', filename: string, contentType: string, asLink: boolean): Promise<Result> {
  if (environment().TONGKET_DOWNLOADS === 'presign') {
    const key = revision.files[kind];
    if (key === undefined) throw new Conflict(msg.noWordFile(revision.revision));
    const url = await downloadUrl(key, filename, LINK_SECONDS);
    if (asLink) return json(200, { link: { url, filename, expiresInSeconds: LINK_SECONDS } });
    return { statusCode: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
  }
  const body = await publishedFile(revision, kind);
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}

/**
 * `?draft=1`: the request asks for the draft of a close awaiting sign-off (the province only,
 * while the cycle is `draft`) instead of a published revision. Any other value is refused.
 */
export function wantsDraft({ query }: RequestContext): boolean {
  if (query.draft === undefined) return false;
  if (query.draft !== '1') throw invalid(msg.badDraft(), { draft: msg.badDraft() });
  if (query.revision !== undefined) throw invalid(msg.badDraft(), { revision: msg.badDraft() });
  return true;
}

/** The names of the draft downloads say "du-thao"; their types. */
const DRAFT_DOWNLOADS: Record<Exclude<DraftFileKind, 'json' | 'commendations'>, (year: number, revision: number) => { filename: string; contentType: string }> = {
  pdf: (year, revision) => ({ filename: `du-thao-bao-cao-${year}-r${revision}.pdf`, contentType: 'application/pdf' }),
  docx: (year, revision) => ({ filename: `du-thao-bao-cao-${year}-r${revision}.docx`, contentType: DOCX_TYPE }),
  csv: (year, revision) => ({ filename: `du-thao-khen-thuong-${year}-r${revision}.csv`, contentType: 'text/csv; charset=utf-8' }),
};

/**
 * A draft file: JSON as the answer's body; the CSV and the PDF as downloads, a short-lived link
 * on AWS as for the published files. Their names say "du-thao" so that a draft saved to disk is
 * never taken for the report.
 */
export async function draftDownload(request: RequestContext, kind: DraftFileKind): Promise<Result> {
  const year = parseYear(request.path.year);
  if (request.query.link !== undefined && request.query.link !== '1') throw invalid(msg.badLink(), { link: msg.badLink() });
  const { key, revision } = await draftFileKey(year, request.principal?.role, kind);
  if (kind === 'json' || kind === 'commendations') {
    const body = await draftFileBody(year, key);
    return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: body.toString('utf8') };
  }
  const { filename, contentType } = DRAFT_DOWNLOADS[kind](year, revision);
  if (environment().TONGKET_DOWNLOADS === 'presign') {
    const url = await downloadUrl(key, filename, LINK_SECONDS);
    if (request.query.link === '1') return json(200, { link: { url, filename, expiresInSeconds: LINK_SECONDS } });
    return { statusCode: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
  }
  const body = await draftFileBody(year, key);
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}
