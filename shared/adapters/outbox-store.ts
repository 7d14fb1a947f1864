// The outbox (SPEC section 3): one item per message the cycle sends, claimed by a conditional
// write before the message leaves, so that no restart, retry or second runner sends the same
// reminder or notice twice. `GET /cycles/{year}/outbox` lists them.
//
//   pk         sk                                   what
//   CYCLE#2020 OUTBOX#remind#2020-12-08#<code>     the reminder of that day to that association
//   CYCLE#2020 OUTBOX#returned#<code>#<000003>     the notice of the return recorded as history event 3
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './clients.ts';
import { isConditionFailure, queryAll } from './dynamo-util.ts';
import { cyclePk } from './table-keys.ts';

export type MessageKind = 'remind' | 'returned';
/** claimed: taken by a sender, not known to have left (a crash between the two); unsent: no mail service configured. */
export type OutboxState = 'claimed' | 'sent' | 'failed' | 'unsent';

export interface OutboxItem {
  association: string;
  to: string;
  kind: MessageKind;
  at: string;
  subject: string;
  state: OutboxState;
}

const OUTBOX_PREFIX = 'OUTBOX#';
export const reminderId = (date: string, code: string) => `remind#${date}#${code}`;
export const returnedNoticeId = (code: string, historySeq: number) => `returned#${code}#${String(historySeq).padStart(6, '0')}`;

/** Takes the message for sending; false when it was taken before (sent, or being sent, by someone else). */
export async function claimOutboxItem(year: number, id: string, item: Omit<OutboxItem, 'state'>): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: cyclePk(year), sk: `${OUTBOX_PREFIX}${id}`, ...item, state: 'claimed' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function settleOutboxItem(year: number, id: string, state: Exclude<OutboxState, 'claimed'>, detail?: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: cyclePk(year), sk: `${OUTBOX_PREFIX}${id}` },
      UpdateExpression: detail === undefined ? 'SET #state = :state' : 'SET #state = :state, detail = :detail',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':state': state, ...(detail === undefined ? {} : { ':detail': detail.slice(0, 500) }) },
    }),
  );
}

/** Every message of the cycle, oldest first. */
export async function listOutbox(year: number): Promise<OutboxItem[]> {
  const raw = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cyclePk(year), ':prefix': OUTBOX_PREFIX },
  });
  const items = raw.map((r): OutboxItem => ({
    association: String(r.association),
    to: String(r.to),
    kind: r.kind as MessageKind,
    at: String(r.at),
    subject: String(r.subject),
    state: r.state as OutboxState,
  }));
  return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.association < b.association ? -1 : a.association > b.association ? 1 : 0));
}
