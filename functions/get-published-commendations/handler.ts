import { invalid } from '../../shared/app/errors.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { msg } from '../../shared/app/messages.ts';
import { download, draftDownload, jsonFile, requestedRevision, wantsDraft } from '../../shared/http/published-download.ts';

// GET /cycles/{year}/commendations: the commended list of a revision, JSON or (?format=csv) a CSV download; `?draft=1` the draft's (province, while draft).
export const handler = httpHandler('get-published-commendations', async (request) => {
  if (wantsDraft(request)) {
    const format = request.query.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw invalid(msg.badFormat(), { format: msg.badFormat() });
    return draftDownload(request, format === 'csv' ? 'csv' : 'commendations');
  }
  const { year, revision, asLink } = await requestedRevision(request);
  const format = request.query.format ?? 'json';
  if (format === 'json') return jsonFile(revision, 'commendations');
  if (format !== 'csv') throw invalid(msg.badFormat(), { format: msg.badFormat() });
  return download(revision, 'csv', `khen-thuong-${year}-r${revision.revision}.csv`, 'text/csv; charset=utf-8', asLink);
});
