// Helpers of the reliability suites: a dump of everything stored (the DynamoDB Local table and
// the s3rver bucket) to prove that bad input changed nothing, forged tokens, figures.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SignJWT } from 'jose';
import { s3ClientConfig } from '../../infra/local/s3-local.ts';
import { currentKeyOf, readKeySetFile } from '../../shared/adapters/signing-key.ts';
import { TOKEN_ISSUER, type Principal, type SigningKey } from '../../shared/auth/tokens.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: start the embedded stack first`);
  return value;
};

/** Every item of the table (sorted by key) and every object of the bucket (key → sha256). */
export interface StoreDump {
  items: string[];
  objects: Record<string, string>;
}

export async function dumpStores(): Promise<StoreDump> {
  const dynamo = new DynamoDBClient({
    endpoint: env('DYNAMODB_ENDPOINT'),
    region: env('DYNAMODB_REGION'),
    credentials: { accessKeyId: env('DYNAMODB_ACCESS_KEY_ID'), secretAccessKey: env('DYNAMODB_SECRET_ACCESS_KEY') },
  });
  const items: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: env('TABLE_NAME'), ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.push(canonical(item));
    start = page.LastEvaluatedKey;
  } while (start);
  items.sort();
  dynamo.destroy();

  const s3 = new S3Client(s3ClientConfig(env('S3_ENDPOINT')));
  const bucket = env('BUCKET_NAME');
  // One page only: s3rver's continuation tokens fail on OpenSSL 3 (STACK.md); stay below 1,000 keys.
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
  if (listing.IsTruncated) throw new Error('The bucket holds more than 1,000 objects: the dump cannot list it in one page');
  const objects: Record<string, string> = {};
  for (const object of listing.Contents ?? []) {
    const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key! }));
    objects[object.Key!] = createHash('sha256').update(await body.Body!.transformToByteArray()).digest('hex');
  }
  s3.destroy();
  return { items, objects };
}

/** JSON with keys sorted at every depth, so that equal items give equal strings. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens an attacker could bring. */
export const forged = {
  /** `alg: none`, no signature, claims that would otherwise pass */
  algNone(principal: Principal): string {
    const now = Math.floor(Date.now() / 1000);
    return `${b64({ alg: 'none', typ: 'JWT', kid: 'k1' })}.${b64({ ...principal, iss: TOKEN_ISSUER, iat: now, exp: now + 3600, jti: randomUUID() })}.`;
  },
  /** a well-formed HS256 token signed with another key */
  async badSignature(principal: Principal): Promise<string> {
    return sign(principal, { kid: 'k1', secret: new TextEncoder().encode('not-the-signing-key-of-this-stack-0123456789') }, 'HS256');
  },
  /** the right key, another algorithm (only HS256 is accepted) */
  async otherAlgorithm(principal: Principal, key: SigningKey): Promise<string> {
    return sign(principal, key, 'HS512');
  },
  /** the right key, the claims of a role that does not exist */
  async unknownRole(key: SigningKey): Promise<string> {
    return sign({ role: 'admin' as never, unit: 'X' }, key, 'HS256');
  },
};

/** Everything a genuine token carries (kid, iat, jti, exp), so that only the named defect differs. */
export async function sign(principal: Principal, key: SigningKey, alg: string, lifetime: { iat?: number; exp?: number } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...principal })
    .setProtectedHeader({ alg, typ: 'JWT', kid: key.kid })
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(lifetime.iat ?? now)
    .setExpirationTime(lifetime.exp ?? now + 3600)
    .setJti(randomUUID())
    .sign(key.secret);
}

/** The current key of a key-set file (the embedded stack's `signingKeyFile`). */
export function signingKeyOf(file: string): SigningKey {
  return currentKeyOf(readKeySetFile(file));
}

const FIGURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'reliability');

/** Writes a suite's figures (cases tried, races run, faults injected, records lost) for RELIABILITY.md. */
export function recordFigures(suite: string, figures: Record<string, unknown>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${suite}.json`), `${JSON.stringify({ suite, at: new Date().toISOString(), ...figures }, null, 2)}\n`);
  console.log(`[reliability] ${suite}: ${JSON.stringify(figures)}`);
}
