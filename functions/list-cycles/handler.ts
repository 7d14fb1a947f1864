import { cycleList } from '../../shared/app/cycle-list.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('list-cycles', async () => json(200, await cycleList()));
