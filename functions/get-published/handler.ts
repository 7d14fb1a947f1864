import { parseYear } from '../../shared/app/common.ts';
import { downloadUrl, publishedFile, publishedRevision } from '../../shared/app/published.ts';
import type { RevisionRecord } from '../../shared/adapters/store.ts';
import { validationFailed } from '../../shared/http/errors.ts';
import { httpHandler, json, type Result } from '../../shared/http/handler.ts';
import { msg } from '../../shared/http/messages.ts';

/** How long a download link works: long enough to start the download, too short to pass around. */
const LINK_SECONDS = 300;

// Serves /summary, /commendations (JSON or ?format=csv) and /report.pdf of a published revision.
export const handler = httpHandler('get-published', async ({ event, path, query }) => {
  const year = parseYear(path.year);
  if (query.link !== undefined && query.link !== '1') throw validationFailed(msg.badLink(), { link: msg.badLink() });
  const asLink = query.link === '1';
  const revision = await publishedRevision(year, query.revision);
  const what = event.rawPath.slice(event.rawPath.lastIndexOf('/') + 1);
  if (what === 'summary') return jsonFile(await publishedFile(revision, 'json'));
  if (what === 'commendations') {
    const format = query.format ?? 'json';
    if (format === 'json') return jsonFile(await publishedFile(revision, 'commendations'));
    if (format !== 'csv') throw validationFailed(msg.badFormat(), { format: msg.badFormat() });
    return download(revision, 'csv', `khen-thuong-${year}-r${revision.revision}.csv`, 'text/csv; charset=utf-8', asLink);
  }
  return download(revision, 'pdf', `bao-cao-${year}-r${revision.revision}.pdf`, 'application/pdf', asLink);
});

function jsonFile(body: Buffer): Result {
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
async function download(revision: RevisionRecord, kind: 'csv' | 'pdf', filename: string, contentType: string, asLink: boolean): Promise<Result> {
  if (process.env.TONGKET_DOWNLOADS === 'presign') {
    const url = await downloadUrl(revision.files[kind], filename, LINK_SECONDS);
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
