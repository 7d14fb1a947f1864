import { parseCode, parseYear } from '../../shared/app/common.ts';
import { renewLink } from '../../shared/app/links.ts';
import { publicBaseUrl } from '../../shared/http/base-url.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// POST /cycles/{year}/links/{association}: a new link, the old token revoked (?role=reviewer: a unit's reviewers).
export const handler = httpHandler('renew-link', async ({ event, path, query, principal }) =>
  json(200, await renewLink(principal!, parseYear(path.year), parseCode(path.association), query, publicBaseUrl(event))),
);
