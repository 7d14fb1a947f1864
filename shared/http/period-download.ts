// How a period's published files leave the API (the jobs get-period-*), as a cycle's do
// (published-download.ts): JSON as the answer's body; the CSV, the PDF and the Word file as a short-lived S3
// link on AWS (`?link=1`: the link as JSON), the bytes themselves locally. Every file is checked
// against the SHA-256 its close recorded.
import { periodDownloadUrl, periodFile } from '../app/periods.ts';
import type { PeriodRecord } from '../adapters/period-store.ts';
import { environment } from '../env.ts';
import { json, type RequestContext, type Result } from './chain.ts';
import { invalid } from '../app/errors.ts';
import { msg } from '../app/messages.ts';
import { DOCX_TYPE } from '../docx/types.ts';

const LINK_SECONDS = 300;

export function wantsLink({ query }: RequestContext): boolean {
  if (query.link !== undefined && query.link !== '1') throw invalid(msg.badLink(), { link: msg.badLink() });
  return query.link === '1';
}

export async function periodJson(period: PeriodRecord, kind: 'json' | 'commendations'): Promise<Result> {
  const body = await periodFile(period, kind);
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: body.toString('utf8') };
}

const DOWNLOADS = {
  pdf: { name: (code: string, revision: number) => `bao-cao-${code}-r${revision}.pdf`, type: 'application/pdf' },
  docx: { name: (code: string, revision: number) => `bao-cao-${code}-r${revision}.docx`, type: DOCX_TYPE },
  csv: { name: (code: string, revision: number) => `khen-thuong-${code}-r${revision}.csv`, type: 'text/csv; charset=utf-8' },
};

export async function periodDownload(period: PeriodRecord, kind: 'csv' | 'pdf' | 'docx', asLink: boolean): Promise<Result> {
  const filename = DOWNLOADS[kind].name(period.code, period.revision);
  if (environment().TONGKET_DOWNLOADS === 'presign') {
    const url = await periodDownloadUrl(period, kind, filename, LINK_SECONDS);
    if (asLink) return json(200, { link: { url, filename, expiresInSeconds: LINK_SECONDS } });
    return { statusCode: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
  }
  const body = await periodFile(period, kind);
  return {
    statusCode: 200,
    headers: {
      'content-type': DOWNLOADS[kind].type,
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}
