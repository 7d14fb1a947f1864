import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('health', async () => json(200, { ok: true }));
