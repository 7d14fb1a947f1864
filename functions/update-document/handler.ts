import { parseYear } from '../../shared/app/common.ts';
import { changeDocumentDetails } from '../../shared/app/sign-off.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// PATCH /cycles/{year}/document: the province changes the draft's document details; the draft is rendered again.
export const handler = httpHandler('update-document', async ({ path, body }) => json(202, await changeDocumentDetails(parseYear(path.year), body)));
