import { parseYear } from '../../shared/app/common.ts';
import { listFormatOf, listReports, reportListTable } from '../../shared/app/reports.ts';
import { tableAnswer } from '../../shared/http/file-answer.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// GET /cycles/{year}/reports: a page of the list as JSON, or (?format=csv|xlsx) the whole filtered list as a file.
export const handler = httpHandler('list-reports', async ({ path, query, principal }) => {
  const format = listFormatOf(query.format);
  const year = parseYear(path.year);
  if (format === 'json') return json(200, await listReports(principal!, year, query));
  return tableAnswer(await reportListTable(principal!, year, query, format));
});
