import { revokeToken } from '../../shared/app/revocations.ts';
import { httpHandler } from '../../shared/http/handler.ts';

export const handler = httpHandler('revoke-token', async ({ principal, body }) => {
  await revokeToken(principal!, body);
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
});
