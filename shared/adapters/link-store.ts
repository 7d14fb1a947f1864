// The access links of a cycle (SPEC section 7, GET /cycles/{year}/links): one small item per
// association (and per unit, for its reviewers) holding the claims its token is signed from,
// so that every download gives the same link until it is renewed. The token itself is never
// stored: it is signed again from these claims (HS256 is deterministic).
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './clients.ts';
import { cancellationReasons, isConditionFailure, queryAll } from './dynamo-util.ts';
import { cyclePk, linkPrefix, linkSk, type LinkKind } from './table-keys.ts';

export type { LinkKind };

/** What a link item holds: the association's (or unit's) code and its token's claims. */
export interface LinkRecord {
  code: string;
  jti: string;
  /** epoch seconds */
  iat: number;
  /** epoch seconds */
  exp: number;
  /** the signing key the token is signed with */
  kid: string;
}

const T = () => tableName();
const db = () => dynamo();

function toLink(item: Record<string, unknown>): LinkRecord {
  return { code: String(item.code), jti: String(item.jti), iat: Number(item.iat), exp: Number(item.exp), kid: String(item.kid) };
}

/** Every link record of one kind in the cycle, by code (one Query, consistent). */
export async function listLinkRecords(year: number, kind: LinkKind): Promise<Map<string, LinkRecord>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cyclePk(year), ':prefix': linkPrefix(kind) },
    ProjectionExpression: 'code, jti, iat, #exp, kid',
    ExpressionAttributeNames: { '#exp': 'exp' },
    ConsistentRead: true,
  });
  return new Map(items.map((item) => [String(item.code), toLink(item)]));
}

export async function getLinkRecord(year: number, kind: LinkKind, code: string): Promise<LinkRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: linkSk(kind, code) }, ConsistentRead: true }));
  return Item ? toLink(Item) : null;
}

/**
 * Stores the first link of `record.code`, on condition that it has none: of two first downloads
 * at once only one writes, and the other reads the winner's (false).
 */
export async function createLinkRecord(year: number, kind: LinkKind, record: LinkRecord): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: T(),
        Item: { pk: cyclePk(year), sk: linkSk(kind, record.code), ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The most items one transaction may hold (DynamoDB's limit). */
export const LINKS_PER_TRANSACTION = 100;

/**
 * Stores the first links of up to LINKS_PER_TRANSACTION codes in one transaction, each on
 * condition that its code has none: a first download of thousands of links is tens of requests,
 * not thousands. All or nothing: false when any code had a link or another write on one of them
 * was under way (a download at the same time), and then nothing is written: the caller stores
 * them one by one, reading the links that won.
 */
export async function createLinkRecords(year: number, kind: LinkKind, records: readonly LinkRecord[]): Promise<boolean> {
  if (records.length === 0) return true;
  if (records.length > LINKS_PER_TRANSACTION) throw new Error(`at most ${LINKS_PER_TRANSACTION} links a transaction`);
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: records.map((record) => ({
          Put: { TableName: T(), Item: { pk: cyclePk(year), sk: linkSk(kind, record.code), ...record }, ConditionExpression: 'attribute_not_exists(pk)' },
        })),
      }),
    );
    return true;
  } catch (error) {
    if (cancellationReasons(error)) return false;
    throw error;
  }
}

/**
 * Replaces the link of `record.code`, on condition that it still holds the token `previousJti`;
 * false when someone else replaced it first (the caller reads the one that won).
 */
export async function replaceLinkRecord(year: number, kind: LinkKind, record: LinkRecord, previousJti: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: linkSk(kind, record.code) },
        UpdateExpression: 'SET jti = :jti, iat = :iat, #exp = :exp, kid = :kid',
        ConditionExpression: 'jti = :previous',
        ExpressionAttributeNames: { '#exp': 'exp' },
        ExpressionAttributeValues: { ':jti': record.jti, ':iat': record.iat, ':exp': record.exp, ':kid': record.kid, ':previous': previousJti },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
