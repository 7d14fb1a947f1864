// Where the token signing keys live: a key-set file in the data directory locally
// (TONGKET_SIGNING_KEY_FILE), a Secrets Manager secret on AWS (SIGNING_KEY_SECRET_ARN).
//
// The key set is one JSON object: `current` names the key that signs, every other property is
// a key id and its secret: `{"current":"k2","k1":"…","k2":"…"}`. Flat rather than nested because
// CloudFormation's generated secret can only place its random string at a top-level property,
// so a fresh stack starts as a valid one-key set. A file holding only a secret (the format
// before rotation existed) reads as a one-key set whose key is `k0`.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KID, type SigningKey } from '../auth/tokens.ts';
import { environment, resetEnv } from '../env.ts';

export interface KeySet {
  current: string;
  keys: Record<string, string>;
}

export const LEGACY_KID = 'k0';
/** A warm Lambda re-reads the secret after this, so a rotation reaches it without a cold start. */
export const KEY_SET_MAX_AGE_MS = 5 * 60_000;
/**
 * A token naming a key this container does not know makes it re-read the set at once (a key
 * rotated a moment ago); from the secret at most this often, so that forged kids cannot turn
 * every request into a Secrets Manager call.
 */
export const SECRET_REFRESH_MIN_INTERVAL_MS = 10_000;
const MIN_SECRET_LENGTH = 32;

export class KeySetError extends Error {
  override readonly name = 'KeySetError';
}

export function parseKeySet(text: string): KeySet {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    if (trimmed.length < MIN_SECRET_LENGTH) throw new KeySetError('The signing key is shorter than 32 characters');
    return { current: LEGACY_KID, keys: { [LEGACY_KID]: trimmed } };
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    throw new KeySetError('The signing key set is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new KeySetError('The signing key set is not a JSON object');
  const { current, ...rest } = value as Record<string, unknown>;
  const keys: Record<string, string> = {};
  for (const [kid, secret] of Object.entries(rest)) {
    if (!KID.test(kid) || typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      throw new KeySetError(`The signing key set has an invalid key ${JSON.stringify(kid)}`);
    }
    keys[kid] = secret;
  }
  if (typeof current !== 'string' || !(current in keys)) throw new KeySetError('The signing key set names no current key it holds');
  return { current, keys };
}

export function serializeKeySet(set: KeySet): string {
  return `${JSON.stringify({ current: set.current, ...set.keys }, null, 2)}\n`;
}

/** The set with one more key, which becomes current; every earlier key stays for verification. */
export function withNewKey(set: KeySet, at: Date = new Date()): KeySet {
  let kid: string;
  do kid = `k${at.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
  while (kid in set.keys);
  return { current: kid, keys: { ...set.keys, [kid]: newSecret() } };
}

const newSecret = () => randomBytes(48).toString('base64url');
const encode = (secret: string) => new TextEncoder().encode(secret);

export function currentKeyOf(set: KeySet): SigningKey {
  return { kid: set.current, secret: encode(set.keys[set.current]!) };
}

// ---------- the process's copy ----------

interface Cached {
  set: Promise<KeySet>;
  loadedAt: number;
}
let cached: Cached | undefined;
let lastForcedReloadAt = -Infinity;

function keySet(): Promise<KeySet> {
  if (cached && Date.now() - cached.loadedAt < KEY_SET_MAX_AGE_MS) return cached.set;
  const entry: Cached = { set: loadKeySet(), loadedAt: Date.now() };
  entry.set.catch(() => {
    if (cached === entry) cached = undefined;
  });
  cached = entry;
  return entry.set;
}

/** The key new tokens are signed with. */
export async function currentSigningKey(): Promise<SigningKey> {
  return currentKeyOf(await keySet());
}

/** The secret of key `kid`, re-reading the set once when the kid is not (yet) known here. */
export async function verificationKey(kid: string): Promise<Uint8Array | undefined> {
  const known = (await keySet()).keys[kid];
  if (known !== undefined) return encode(known);
  const fromFile = Boolean(environment().TONGKET_SIGNING_KEY_FILE);
  if (!fromFile && Date.now() - lastForcedReloadAt < SECRET_REFRESH_MIN_INTERVAL_MS) return undefined;
  lastForcedReloadAt = Date.now();
  cached = undefined;
  const fresh = (await keySet()).keys[kid];
  return fresh === undefined ? undefined : encode(fresh);
}

export function forgetSigningKey(): void {
  resetEnv();
  cached = undefined;
  lastForcedReloadAt = -Infinity;
}

async function loadKeySet(): Promise<KeySet> {
  const { TONGKET_SIGNING_KEY_FILE: file, SIGNING_KEY_SECRET_ARN: secretArn } = environment();
  if (file) return readKeySetFile(file);
  if (!secretArn) throw new Error('No signing key: set TONGKET_SIGNING_KEY_FILE or SIGNING_KEY_SECRET_ARN');
  const { client, GetSecretValueCommand } = await secrets();
  const secret = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!secret.SecretString) throw new Error('The signing-key secret is empty');
  return parseKeySet(secret.SecretString);
}

// Loaded on first use only: most invocations reuse the cached key set and never need the client.
async function secrets() {
  const sdk = await import('@aws-sdk/client-secrets-manager');
  return { client: new sdk.SecretsManagerClient({}), GetSecretValueCommand: sdk.GetSecretValueCommand, PutSecretValueCommand: sdk.PutSecretValueCommand };
}

// ---------- the local file ----------

export function readKeySetFile(file: string): KeySet {
  return parseKeySet(readFileSync(file, 'utf8'));
}

/** Replaces the file whole (write, then rename), so a reader never sees half a key set. */
function writeKeySetFile(file: string, set: KeySet): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, serializeKeySet(set), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** Creates the local key set once (mode 0600) and returns its path; an existing file is kept as it is. */
export function ensureLocalSigningKey(file: string): string {
  if (!existsSync(file)) writeKeySetFile(file, withNewKey({ current: '', keys: {} }));
  chmodSync(file, 0o600);
  return file;
}

/**
 * `tongket rotate-key`: a new current key in the data directory's file or in the secret.
 * Returns the new key id.
 */
export async function rotateSigningKey(): Promise<string> {
  const { TONGKET_SIGNING_KEY_FILE: file, SIGNING_KEY_SECRET_ARN: secretArn } = environment();
  let next: KeySet;
  if (file) {
    next = withNewKey(readKeySetFile(file));
    writeKeySetFile(file, next);
  } else {
    if (!secretArn) throw new Error('No signing key: set TONGKET_SIGNING_KEY_FILE or SIGNING_KEY_SECRET_ARN');
    const { client, GetSecretValueCommand, PutSecretValueCommand } = await secrets();
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    next = withNewKey(parseKeySet(secret.SecretString ?? ''));
    await client.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: serializeKeySet(next) }));
  }
  forgetSigningKey();
  return next.current;
}
