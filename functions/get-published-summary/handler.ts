import { httpHandler } from '../../shared/http/handler.ts';
import { jsonFile, requestedRevision } from '../../shared/http/published-download.ts';

// GET /cycles/{year}/summary: the published summary (JSON) of a revision.
export const handler = httpHandler('get-published-summary', async (request) => jsonFile((await requestedRevision(request)).revision, 'json'));
