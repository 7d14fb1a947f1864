import { embeddedStores } from '../../shared/adapters/health.ts';
import { publicHttpHandler, json } from '../../shared/http/public-handler.ts';

// Embedded, the database and the storage are parts of this server that can fail on their own
// (a dead Java child, a full disk): /health says which, 503 when one is down. On AWS they are
// managed services, and a public unauthenticated route that read them would turn every
// anonymous GET into table and bucket requests: there it stays {"ok":true}.
export const handler = publicHttpHandler('health', async () => {
  // The stack's bundles are built with TONGKET_LAMBDA_BUNDLE defined (infra/stack.ts): esbuild
  // then drops this branch, and the SDK clients the probe needs, from the Lambda's bundle.
  if (process.env.TONGKET_LAMBDA_BUNDLE !== 'true' && embeddedStores()) {
    const { storesHealth } = await import('../../shared/adapters/store-probes.ts');
    const parts = await storesHealth();
    const ok = parts.database === 'ok' && parts.storage === 'ok';
    return json(ok ? 200 : 503, { ok, ...parts });
  }
  return json(200, { ok: true });
});
