import { parseYear } from '../../shared/app/common.ts';
import { outboxView } from '../../shared/app/notices.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('get-outbox', async ({ path }) => json(200, await outboxView(parseYear(path.year))));
