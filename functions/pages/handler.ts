import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler({ allow: 'public' }, async () => json(200, { pages: 'pending' }));
