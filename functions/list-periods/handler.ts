import { periodList } from '../../shared/app/periods.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// GET /periods (province): every period review with its status and published revision.
export const handler = httpHandler('list-periods', async ({ principal }) => json(200, await periodList(principal!)));
