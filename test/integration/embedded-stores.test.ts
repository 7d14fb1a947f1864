// The embedded stores with real processes: DynamoDB Local (Java) and s3rver (in-process).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, dynamoDbClientConfig, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { EmbeddedStackError } from '../../infra/local/errors.ts';
import { assertPortFree, freePort } from '../../infra/local/ports.ts';
import { s3ClientConfig, startS3Local, type S3Local } from '../../infra/local/s3-local.ts';

const tempDirs: string[] = [];
const running: { stop(): Promise<void> }[] = [];
const javaPids: number[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tongket-stores-'));
  tempDirs.push(dir);
  return dir;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function startDb(dataDir: string): Promise<DynamoDbLocal> {
  const db = await startDynamoDbLocal({ dataDir });
  running.push(db);
  javaPids.push(db.pid);
  return db;
}

async function startS3(dataDir: string): Promise<S3Local> {
  const s3 = await startS3Local({ dataDir });
  running.push(s3);
  return s3;
}

afterAll(async () => {
  await Promise.allSettled(running.map((r) => r.stop()));
  for (const pid of javaPids) {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('DynamoDB Local', () => {
  it('runs TransactWriteItems with a ConditionCheck, and keeps data and credentials across a restart', async () => {
    const dataDir = await tempDir();
    const t0 = Date.now();
    const first = await startDb(dataDir);
    const startMs = Date.now() - t0;
    console.log(`DynamoDB Local start: ${startMs} ms`);
    expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`);
    expect(first.credentials.accessKeyId).toMatch(/^[A-Za-z0-9]+$/);
    const credFile = join(dataDir, 'dynamodb', 'credentials.json');
    expect(statSync(credFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'dynamodb', 'pid'), 'utf8').split('\n')[0]).toBe(String(first.pid));

    const db = new DynamoDBClient(dynamoDbClientConfig(first));
    await db.send(
      new CreateTableCommand({
        TableName: 'tongket',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await db.send(
      new PutItemCommand({ TableName: 'tongket', Item: { pk: { S: 'CYCLE#2025' }, sk: { S: 'CYCLE' }, status: { S: 'OPEN' } } }),
    );
    const submit = (association: string) =>
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: 'tongket',
              Key: { pk: { S: 'CYCLE#2025' }, sk: { S: 'CYCLE' } },
              ConditionExpression: '#s = :open',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':open': { S: 'OPEN' } },
            },
          },
          {
            Put: {
              TableName: 'tongket',
              Item: { pk: { S: 'CYCLE#2025' }, sk: { S: `REPORT#${association}` }, title: { S: 'Báo cáo tổng kết năm 2025' } },
            },
          },
        ],
      });
    await db.send(submit('hoi-nong-dan'));

    // freeze the cycle: the same transaction is now refused, and nothing slips in
    await db.send(
      new PutItemCommand({ TableName: 'tongket', Item: { pk: { S: 'CYCLE#2025' }, sk: { S: 'CYCLE' }, status: { S: 'FROZEN' } } }),
    );
    await expect(db.send(submit('hoi-phu-nu'))).rejects.toBeInstanceOf(TransactionCanceledException);
    const late = await db.send(new GetItemCommand({ TableName: 'tongket', Key: { pk: { S: 'CYCLE#2025' }, sk: { S: 'REPORT#hoi-phu-nu' } } }));
    expect(late.Item).toBeUndefined();
    db.destroy();

    const t1 = Date.now();
    await first.stop();
    console.log(`DynamoDB Local stop: ${Date.now() - t1} ms`);
    expect(alive(first.pid)).toBe(false);
    expect(existsSync(join(dataDir, 'dynamodb', 'pid'))).toBe(false);

    const second = await startDb(dataDir);
    expect(second.credentials).toEqual(first.credentials);
    const db2 = new DynamoDBClient(dynamoDbClientConfig(second));
    const kept = await db2.send(
      new GetItemCommand({ TableName: 'tongket', Key: { pk: { S: 'CYCLE#2025' }, sk: { S: 'REPORT#hoi-nong-dan' } } }),
    );
    expect(kept.Item?.title?.S).toBe('Báo cáo tổng kết năm 2025');
    db2.destroy();
    await second.stop();
  });

  it('cleans up a child left behind by a run that never stopped it', async () => {
    const dataDir = await tempDir();
    let leaked: DynamoDbLocal | undefined = await startDynamoDbLocal({ dataDir });
    const leakedPid = leaked.pid;
    javaPids.push(leakedPid);
    const db = new DynamoDBClient(dynamoDbClientConfig(leaked));
    await db.send(
      new CreateTableCommand({
        TableName: 'tongket',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await db.send(new PutItemCommand({ TableName: 'tongket', Item: { pk: { S: 'before-crash' } } }));
    db.destroy();
    leaked = undefined; // the handle is dropped; stop() is never called
    expect(leaked).toBeUndefined();
    expect(alive(leakedPid)).toBe(true);

    const t0 = Date.now();
    const next = await startDb(dataDir);
    console.log(`DynamoDB Local start over a leftover child: ${Date.now() - t0} ms`);
    expect(alive(leakedPid)).toBe(false);
    expect(next.pid).not.toBe(leakedPid);
    const db2 = new DynamoDBClient(dynamoDbClientConfig(next));
    const kept = await db2.send(new GetItemCommand({ TableName: 'tongket', Key: { pk: { S: 'before-crash' } } }));
    expect(kept.Item?.pk?.S).toBe('before-crash');
    await db2.send(new PutItemCommand({ TableName: 'tongket', Item: { pk: { S: 'after-restart' } } }));
    db2.destroy();
    await next.stop();
  });

  it('says clearly when java is missing', async () => {
    const dataDir = await tempDir();
    const err = await startDynamoDbLocal({ dataDir, javaPath: 'java-not-installed-tongket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedStackError);
    const message = (err as EmbeddedStackError).message;
    expect(message).toContain('Không tìm thấy Java');
    expect(message).toContain('Java (`java-not-installed-tongket`) was not found');
    expect(message).toContain('openjdk-17-jre-headless');
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('says clearly when java is older than 17', async () => {
    const dataDir = await tempDir();
    const fakeJava = join(dataDir, 'java');
    await writeFile(fakeJava, '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\nexit 0\n');
    await chmod(fakeJava, 0o755);
    const err = await startDynamoDbLocal({ dataDir, javaPath: fakeJava }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedStackError);
    expect((err as EmbeddedStackError).en).toContain('Java 11.0.22');
    expect((err as EmbeddedStackError).en).toContain('too old');
  });
});

describe('s3rver', () => {
  it('stores buffers and streams byte-exact, and keeps them across a restart', async () => {
    const dataDir = await tempDir();
    const first = await startS3(dataDir);
    expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`);
    const s3 = new S3Client(s3ClientConfig(first.endpoint));
    await s3.send(new CreateBucketCommand({ Bucket: 'tongket-reports' }));

    const buffer = randomBytes(300 * 1024);
    await s3.send(new PutObjectCommand({ Bucket: 'tongket-reports', Key: 'buffer.bin', Body: buffer }));
    const gotBuffer = await s3.send(new GetObjectCommand({ Bucket: 'tongket-reports', Key: 'buffer.bin' }));
    expect(Buffer.from(await gotBuffer.Body!.transformToByteArray()).equals(buffer)).toBe(true);

    // the checksum trap: a stream upload must not carry aws-chunked framing into the object
    const streamed = randomBytes(300 * 1024 + 17);
    const chunks = [streamed.subarray(0, 100_000), streamed.subarray(100_000, 200_000), streamed.subarray(200_000)];
    await s3.send(
      new PutObjectCommand({
        Bucket: 'tongket-reports',
        Key: 'reports/2025/báo-cáo.pdf',
        Body: Readable.from(chunks),
        ContentLength: streamed.length,
        ContentType: 'application/pdf',
      }),
    );
    const gotStream = await s3.send(new GetObjectCommand({ Bucket: 'tongket-reports', Key: 'reports/2025/báo-cáo.pdf' }));
    expect(gotStream.ContentLength).toBe(streamed.length);
    expect(Buffer.from(await gotStream.Body!.transformToByteArray()).equals(streamed)).toBe(true);
    s3.destroy();
    await first.stop();

    const second = await startS3(dataDir);
    const s3b = new S3Client(s3ClientConfig(second.endpoint));
    const again = await s3b.send(new GetObjectCommand({ Bucket: 'tongket-reports', Key: 'reports/2025/báo-cáo.pdf' }));
    expect(Buffer.from(await again.Body!.transformToByteArray()).equals(streamed)).toBe(true);
    const againBuffer = await s3b.send(new GetObjectCommand({ Bucket: 'tongket-reports', Key: 'buffer.bin' }));
    expect(Buffer.from(await againBuffer.Body!.transformToByteArray()).equals(buffer)).toBe(true);
    s3b.destroy();
    await second.stop();
  });
});

describe('ports', () => {
  it('finds a free port and reports one in use clearly', async () => {
    const port = await freePort();
    await assertPortFree('127.0.0.1', port);
    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(port, '127.0.0.1', res));
    try {
      const err = await assertPortFree('127.0.0.1', port).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EmbeddedStackError);
      expect((err as EmbeddedStackError).message).toContain(`Cổng ${port} đang được dùng`);
      expect((err as EmbeddedStackError).message).toContain(`Port ${port} is already in use (another \`tongket serve\`?) — set PORT`);
    } finally {
      await new Promise((res) => blocker.close(res));
    }
  });
});
