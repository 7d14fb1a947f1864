import { DOCX_TYPE } from '../../shared/docx/types.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { download, draftDownload, requestedRevision, wantsDraft } from '../../shared/http/published-download.ts';

// GET /cycles/{year}/report.docx: the report of a revision as a Word file, written by the close beside
// its PDF; `?draft=1` the draft's (province, while draft).
export const handler = httpHandler('get-report-docx', async (request) => {
  if (wantsDraft(request)) return draftDownload(request, 'docx');
  const { year, revision, asLink } = await requestedRevision(request);
  return download(revision, 'docx', `bao-cao-${year}-r${revision.revision}.docx`, DOCX_TYPE, asLink);
});
