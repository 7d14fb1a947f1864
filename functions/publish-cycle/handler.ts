import { parseYear } from '../../shared/app/common.ts';
import { requestPublish } from '../../shared/app/sign-off.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// POST /cycles/{year}/publish: the province signs the draft off; the final files are rendered and published.
export const handler = httpHandler('publish-cycle', async ({ path }) => json(202, await requestPublish(parseYear(path.year))));
