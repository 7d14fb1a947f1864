// What GET /health asks of the stores when they run on this machine (DynamoDB Local, s3rver).
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamo, tableName } from './clients.ts';
import { checkBucket } from './files.ts';

export type PartStatus = 'ok' | 'unavailable';

const PROBE_TIMEOUT_MS = 2_000;

async function probe(name: string, check: (signal: AbortSignal) => Promise<unknown>): Promise<PartStatus> {
  try {
    await check(AbortSignal.timeout(PROBE_TIMEOUT_MS));
    return 'ok';
  } catch (error) {
    // the reason goes to the log; the public answer names the part only
    console.error(JSON.stringify({ level: 'error', event: 'health_probe_failed', part: name, error: String(error) }));
    return 'unavailable';
  }
}

export async function storesHealth(): Promise<{ database: PartStatus; storage: PartStatus }> {
  const [database, storage] = await Promise.all([
    probe('database', (abortSignal) => dynamo().send(new DescribeTableCommand({ TableName: tableName() }), { abortSignal })),
    probe('storage', checkBucket),
  ]);
  return { database, storage };
}
