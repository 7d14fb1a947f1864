import { parseYear } from '../../shared/app/common.ts';
import { accessLinks } from '../../shared/app/links.ts';
import { publicBaseUrl } from '../../shared/http/base-url.ts';
import { tableAnswer } from '../../shared/http/file-answer.ts';
import { httpHandler } from '../../shared/http/handler.ts';

// GET /cycles/{year}/links: the access links as CSV, or ?format=xlsx a workbook.
export const handler = httpHandler('list-links', async ({ event, path, query, principal }) => {
  const table = await accessLinks(principal!, parseYear(path.year), query, publicBaseUrl(event));
  return tableAnswer({ ...table, sheet: table.kind === 'association' ? 'Liên kết' : 'Người duyệt' });
});
