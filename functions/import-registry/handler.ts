import { parseYear } from '../../shared/app/common.ts';
import { importRegistry, registryNotUtf8 } from '../../shared/app/registry-import.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler(
  'import-registry',
  async ({ path, body, query }) => json(200, await importRegistry(parseYear(path.year), body, { dryRun: query.dryRun === '1' || query.dryRun === 'true' })),
  // A body that is not UTF-8 (a CSV saved as Windows-1258) is refused naming the file, and how to save it.
  { notUtf8: registryNotUtf8 },
);
