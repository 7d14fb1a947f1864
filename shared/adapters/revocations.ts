// Revoked access tokens (SPEC section 8): one item per revoked jti, read on every authenticated
// request. No cache: one GetItem costs less than the minute a cached "not revoked" could last.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './clients.ts';
import { queryAll } from './dynamo-util.ts';
import { REVOKED_PK, TABLE_KEYS } from './table-keys.ts';

/** Records the revocation; revoking a token twice keeps the first record. */
export async function putRevocation(args: { jti: string; at: string; by: string; expiresAt: number }): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: REVOKED_PK, sk: args.jti, revokedAt: args.at, revokedBy: args.by, [TABLE_KEYS.ttl]: args.expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) && (error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}

export async function isRevoked(jti: string): Promise<boolean> {
  // Strongly consistent: "refused from then on" holds for the very next request.
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: { pk: REVOKED_PK, sk: jti }, ProjectionExpression: 'pk', ConsistentRead: true }),
  );
  return Item !== undefined;
}

/**
 * Every revoked token id (one Query of the revocations' partition, keys only, consistent).
 * Revocations are few (one per token an office refused or a link it renewed, kept for the
 * longest lifetime of a token), so the whole set is one or two pages: the access links use it
 * to give a new link instead of one whose token was revoked, whoever revoked it.
 */
export async function listRevokedJtis(): Promise<Set<string>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': REVOKED_PK },
    ProjectionExpression: 'sk',
    ConsistentRead: true,
  });
  return new Set(items.map((item) => String(item.sk)));
}
