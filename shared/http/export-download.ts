// How the office workbook leaves the API: built on request, it is handed out as the published
// files are (published-download.ts) — on AWS stored under exports/ (kept a day) and given as a
// short-lived S3 link (a Lambda's answer cannot carry more than 6 MB, and 50,000 rows do not
// fit), locally the bytes themselves. `?link=1` answers the link as JSON.
import { randomUUID } from 'node:crypto';
import { downloadUrl, putFile } from '../adapters/files.ts';
import { exportFileKey } from '../adapters/table-keys.ts';
import { invalid } from '../app/errors.ts';
import { msg } from '../app/messages.ts';
import { environment } from '../env.ts';
import { json, type RequestContext, type Result } from './chain.ts';

const LINK_SECONDS = 300;

export function wantsExportLink({ query }: RequestContext): boolean {
  if (query.link !== undefined && query.link !== '1') throw invalid(msg.badLink(), { link: msg.badLink() });
  return query.link === '1';
}

export async function fileAnswer(args: { year: number; body: Buffer; filename: string; contentType: string; asLink: boolean }): Promise<Result> {
  const { year, body, filename, contentType, asLink } = args;
  if (environment().TONGKET_DOWNLOADS === 'presign') {
    const key = exportFileKey(year, randomUUID(), filename);
    await putFile(key, body, contentType);
    const url = await downloadUrl(key, filename, LINK_SECONDS);
    if (asLink) return json(200, { link: { url, filename, expiresInSeconds: LINK_SECONDS } });
    return { statusCode: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}
