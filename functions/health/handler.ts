import { embeddedStores, storesHealth } from '../../shared/adapters/health.ts';
import { publicHttpHandler, json } from '../../shared/http/public-handler.ts';

// Embedded, the database and the storage are parts of this server that can fail on their own
// (a dead Java child, a full disk): /health says which, 503 when one is down. On AWS they are
// managed services, and a public unauthenticated route that read them would turn every
// anonymous GET into table and bucket requests: there it stays {"ok":true}.
export const handler = publicHttpHandler('health', async () => {
  if (!embeddedStores()) return json(200, { ok: true });
  const parts = await storesHealth();
  const ok = parts.database === 'ok' && parts.storage === 'ok';
  return json(ok ? 200 : 503, { ok, ...parts });
});
