import { httpHandler } from '../../shared/http/handler.ts';
import { download, requestedRevision } from '../../shared/http/published-download.ts';

// GET /cycles/{year}/report.pdf: the report of a revision, a PDF download.
export const handler = httpHandler('get-published-pdf', async (request) => {
  const { year, revision, asLink } = await requestedRevision(request);
  return download(revision, 'pdf', `bao-cao-${year}-r${revision.revision}.pdf`, 'application/pdf', asLink);
});
