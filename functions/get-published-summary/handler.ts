import { httpHandler } from '../../shared/http/handler.ts';
import { draftDownload, jsonFile, requestedRevision, wantsDraft } from '../../shared/http/published-download.ts';

// GET /cycles/{year}/summary: the published summary (JSON) of a revision; `?draft=1` the draft's.
export const handler = httpHandler('get-published-summary', async (request) =>
  wantsDraft(request) ? draftDownload(request, 'json') : jsonFile((await requestedRevision(request)).revision, 'json'),
);
