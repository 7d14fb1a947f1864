// The key set on AWS: a warm Lambda's copy of the Secrets Manager secret is bounded in time,
// and a token of a key rotated a moment ago makes it read the secret again at once. Secrets
// Manager cannot run here, so its client is replaced by an in-memory secret.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const secret = { value: '', reads: 0 };
vi.mock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: class {
    send(command: { input: { SecretString?: string }; kind: string }) {
      if (command.kind === 'get') {
        secret.reads++;
        return Promise.resolve({ SecretString: secret.value });
      }
      secret.value = command.input.SecretString!;
      return Promise.resolve({});
    }
  },
  GetSecretValueCommand: class {
    kind = 'get';
    constructor(readonly input: unknown) {}
  },
  PutSecretValueCommand: class {
    kind = 'put';
    constructor(readonly input: unknown) {}
  },
}));

const { currentSigningKey, forgetSigningKey, KEY_SET_MAX_AGE_MS, parseKeySet, rotateSigningKey, SECRET_REFRESH_MIN_INTERVAL_MS, verificationKey } = await import(
  '../../shared/adapters/signing-key.ts'
);

describe('the signing keys in Secrets Manager', () => {
  const saved = { file: process.env.TONGKET_SIGNING_KEY_FILE, arn: process.env.SIGNING_KEY_SECRET_ARN };
  afterAll(() => {
    vi.useRealTimers();
    process.env.SIGNING_KEY_SECRET_ARN = saved.arn ?? '';
    if (saved.file) process.env.TONGKET_SIGNING_KEY_FILE = saved.file;
    if (!saved.arn) delete process.env.SIGNING_KEY_SECRET_ARN;
    forgetSigningKey();
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T00:00:00Z'));
    delete process.env.TONGKET_SIGNING_KEY_FILE;
    process.env.SIGNING_KEY_SECRET_ARN = 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:signing-key';
    // As the stack creates it: CloudFormation's generated string under the initial kid.
    secret.value = JSON.stringify({ current: 'k1', k1: 'g'.repeat(64) });
    secret.reads = 0;
    forgetSigningKey();
  });

  it('reads the secret once, keeps it at most five minutes, then reads it again', async () => {
    expect((await currentSigningKey()).kid).toBe('k1');
    expect((await currentSigningKey()).kid).toBe('k1');
    expect(secret.reads).toBe(1);
    // Rotated elsewhere (another machine's `tongket rotate-key`).
    secret.value = JSON.stringify({ current: 'k2', k1: 'g'.repeat(64), k2: 'h'.repeat(64) });
    vi.setSystemTime(Date.now() + KEY_SET_MAX_AGE_MS - 1000);
    expect((await currentSigningKey()).kid).toBe('k1');
    vi.setSystemTime(Date.now() + 2000);
    expect((await currentSigningKey()).kid).toBe('k2');
    expect(secret.reads).toBe(2);
  });

  it('reads it again at once for a key it does not know, but not more than once per interval', async () => {
    expect(await verificationKey('k1')).toBeDefined();
    secret.value = JSON.stringify({ current: 'k2', k1: 'g'.repeat(64), k2: 'h'.repeat(64) });
    expect(await verificationKey('k2')).toEqual(new TextEncoder().encode('h'.repeat(64)));
    expect(secret.reads).toBe(2);
    // Forged kids cannot turn each request into a Secrets Manager call.
    for (let i = 0; i < 20; i++) expect(await verificationKey(`forged-${i}`)).toBeUndefined();
    expect(secret.reads).toBe(2);
    vi.setSystemTime(Date.now() + SECRET_REFRESH_MIN_INTERVAL_MS);
    expect(await verificationKey('forged-again')).toBeUndefined();
    expect(secret.reads).toBe(3);
  });

  it('rotates the secret: a new current key, every earlier key kept', async () => {
    const kid = await rotateSigningKey();
    const set = parseKeySet(secret.value);
    expect(set.current).toBe(kid);
    expect(set.keys.k1).toBe('g'.repeat(64));
    expect(Object.keys(set.keys)).toHaveLength(2);
    expect((await currentSigningKey()).kid).toBe(kid);
  });
});
