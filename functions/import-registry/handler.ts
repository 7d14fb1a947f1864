import { parseYear } from '../../shared/app/common.ts';
import { importRegistry } from '../../shared/app/registry-import.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('import-registry', async ({ path, body, query }) =>
  json(200, await importRegistry(parseYear(path.year), body, { dryRun: query.dryRun === '1' || query.dryRun === 'true' })),
);
