import { httpHandler } from '../../shared/http/handler.ts';
import { download, draftDownload, requestedRevision, wantsDraft } from '../../shared/http/published-download.ts';

// GET /cycles/{year}/report.pdf: the report of a revision, a PDF download; `?draft=1` the draft's (province, while draft).
export const handler = httpHandler('get-published-pdf', async (request) => {
  if (wantsDraft(request)) return draftDownload(request, 'pdf');
  const { year, revision, asLink } = await requestedRevision(request);
  return download(revision, 'pdf', `bao-cao-${year}-r${revision.revision}.pdf`, 'application/pdf', asLink);
});
