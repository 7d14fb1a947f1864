import { parseYear } from '../../shared/app/common.ts';
import { requestClose } from '../../shared/app/cycles.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('close-cycle', async ({ path }) => json(202, await requestClose(parseYear(path.year))));
