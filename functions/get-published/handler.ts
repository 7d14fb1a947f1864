import { parseYear } from '../../shared/app/common.ts';
import { downloadUrl, publishedFile, publishedRevision } from '../../shared/app/published.ts';
import { validationFailed } from '../../shared/http/errors.ts';
import { httpHandler, type Result } from '../../shared/http/handler.ts';
import { msg } from '../../shared/http/messages.ts';

// Serves /summary, /commendations (JSON or ?format=csv) and /report.pdf of a published revision.
export const handler = httpHandler('get-published', async ({ event, path, query }) => {
  const year = parseYear(path.year);
  const revision = await publishedRevision(year, query.revision);
  const what = event.rawPath.slice(event.rawPath.lastIndexOf('/') + 1);
  if (what === 'summary') return jsonFile(await publishedFile(revision.files.json));
  if (what === 'commendations') {
    const format = query.format ?? 'json';
    if (format === 'json') return jsonFile(await publishedFile(revision.files.commendations));
    if (format !== 'csv') throw validationFailed(msg.badFormat(), { format: msg.badFormat() });
    return download(revision.files.csv, `khen-thuong-${year}-r${revision.revision}.csv`, 'text/csv; charset=utf-8');
  }
  return download(revision.files.pdf, `bao-cao-${year}-r${revision.revision}.pdf`, 'application/pdf');
});

function jsonFile(body: Buffer): Result {
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: body.toString('utf8') };
}

async function download(key: string, filename: string, contentType: string): Promise<Result> {
  // On AWS a short-lived S3 link; locally the file itself, so a browser on another machine
  // never gets a link to the local S3 port.
  if (process.env.TONGKET_DOWNLOADS === 'presign') {
    return { statusCode: 302, headers: { location: await downloadUrl(key, filename), 'cache-control': 'no-store' }, body: '' };
  }
  const body = await publishedFile(key);
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}
