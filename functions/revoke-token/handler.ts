import { revokeToken } from '../../shared/app/revocations.ts';
import { httpHandler } from '../../shared/http/handler.ts';

export const handler = httpHandler({ allow: ['province'], body: 'json' }, async ({ principal, body }) => {
  await revokeToken(principal!, body);
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
});
