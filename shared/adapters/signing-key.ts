// Where the token signing key lives: a file in the data directory locally
// (TONGKET_SIGNING_KEY_FILE), Secrets Manager on AWS (SIGNING_KEY_SECRET_ARN).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

let cached: Promise<Uint8Array> | undefined;

export function signingKey(): Promise<Uint8Array> {
  cached ??= loadSigningKey().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export function forgetSigningKey(): void {
  cached = undefined;
}

async function loadSigningKey(): Promise<Uint8Array> {
  const file = process.env.TONGKET_SIGNING_KEY_FILE;
  if (file) return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
  const secretArn = process.env.SIGNING_KEY_SECRET_ARN;
  if (!secretArn) throw new Error('No signing key: set TONGKET_SIGNING_KEY_FILE or SIGNING_KEY_SECRET_ARN');
  // Loaded on first use only: most invocations reuse the cached key and never need the client.
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!secret.SecretString) throw new Error('The signing-key secret is empty');
  return new TextEncoder().encode(secret.SecretString);
}

/** Creates the local key once (mode 0600) and returns its path. */
export function ensureLocalSigningKey(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return file;
}
