// Minting tokens from the command line, and the access links a province mails out.
import { existsSync } from 'node:fs';
import { currentSigningKey, rotateSigningKey } from '../shared/adapters/signing-key.ts';
import { isRole, MAX_LIFETIME_DAYS, signToken, unverifiedJti, JTI, type Principal } from '../shared/auth/tokens.ts';
import { defaultDataDir, signingKeyFileOf } from '../infra/local/runtime.ts';
import { ApiCallError, ApiClient } from './api-client.ts';

/** What `tongket token` gives when --days is not said: 90 days, or the role's cap if shorter. */
export const DEFAULT_TOKEN_DAYS = 90;

export class CliError extends Error {
  override readonly name = 'CliError';
}

function useLocalKeyIfAny(): void {
  if (process.env.TONGKET_SIGNING_KEY_FILE || process.env.SIGNING_KEY_SECRET_ARN) return;
  const file = signingKeyFileOf(defaultDataDir());
  if (!existsSync(file)) {
    throw new CliError(
      `Chưa có khóa ký trong ${defaultDataDir()}: hãy chạy \`npm start\` một lần, hoặc đặt TONGKET_DATA_DIR / SIGNING_KEY_SECRET_ARN.\n` +
        `No signing key in ${defaultDataDir()}: run \`npm start\` once, or set TONGKET_DATA_DIR / SIGNING_KEY_SECRET_ARN.`,
    );
  }
  process.env.TONGKET_SIGNING_KEY_FILE = file;
}

export async function mintToken(options: { role: string; unit?: string; association?: string; days?: number }): Promise<string> {
  if (!isRole(options.role)) throw new CliError('--role phải là association, reviewer hoặc province / must be association, reviewer or province');
  if (options.role === 'association' && !options.association) throw new CliError('--association là bắt buộc / is required');
  if (options.role !== 'association' && !options.unit) throw new CliError('--unit là bắt buộc / is required');
  const maxDays = MAX_LIFETIME_DAYS[options.role];
  const days = options.days ?? Math.min(DEFAULT_TOKEN_DAYS, maxDays);
  if (days < 1 || days > maxDays) {
    throw new CliError(
      `--days: mã truy cập vai trò ${options.role} có hạn từ 1 đến ${maxDays} ngày (SPEC mục 8); mã dài hơn sẽ bị từ chối.\n` +
        `--days: a ${options.role} token lives from 1 to ${maxDays} days (SPEC section 8); a longer one would be refused.`,
    );
  }
  useLocalKeyIfAny();
  const principal: Principal =
    options.role === 'association' ? { role: 'association', association: options.association } : { role: options.role, unit: options.unit };
  try {
    return await signToken(principal, await currentSigningKey(), days * 86_400);
  } catch (error) {
    if ((error as { name?: string }).name === 'ZodError') throw new CliError('Mã đơn vị/hội không hợp lệ / invalid unit or association code');
    throw error;
  }
}

/**
 * A client acting as the province. Its unit must be the registry's root once the year has a
 * registry: a probe learns it, from the cycle (no registry yet) or from the refusal that names it.
 */
export async function provinceClient(baseUrl: string, year: number | null): Promise<ApiClient> {
  if (process.env.TONGKET_TOKEN) return new ApiClient(baseUrl, process.env.TONGKET_TOKEN);
  let unit = 'PROVINCE';
  if (year !== null) {
    const probe = new ApiClient(baseUrl, await mintToken({ role: 'province', unit, days: 1 }));
    try {
      const cycle = await probe.call<{ units: { code: string }[] }>('GET', `/cycles/${year}`);
      unit = cycle.units[0]?.code ?? unit;
    } catch (error) {
      const root = error instanceof ApiCallError && error.status === 403 ? (error.body as { error?: { registryRoot?: unknown } }).error?.registryRoot : undefined;
      if (typeof root !== 'string' || root === '') throw error;
      unit = root;
    }
  }
  return new ApiClient(baseUrl, await mintToken({ role: 'province', unit, days: 1 }));
}

/**
 * A province client for a period's routes (SPEC section 12), which check the token against the
 * registry of the period's last year: probes GET /periods/{code} and takes the registry's root
 * from a 403 (as provinceClient does for a cycle).
 */
export async function periodProvinceClient(baseUrl: string, code: string): Promise<ApiClient> {
  if (process.env.TONGKET_TOKEN) return new ApiClient(baseUrl, process.env.TONGKET_TOKEN);
  const probe = new ApiClient(baseUrl, await mintToken({ role: 'province', unit: 'PROVINCE', days: 1 }));
  try {
    await probe.call('GET', `/periods/${encodeURIComponent(code)}`);
    return probe;
  } catch (error) {
    const root = error instanceof ApiCallError && error.status === 403 ? (error.body as { error?: { registryRoot?: unknown } }).error?.registryRoot : undefined;
    if (typeof root !== 'string' || root === '') throw error;
    return new ApiClient(baseUrl, await mintToken({ role: 'province', unit: root, days: 1 }));
  }
}

/** `tongket revoke`: the token named by its jti (or the token itself) is refused from then on. */
export async function revoke(baseUrl: string, options: { jti?: string; token?: string }): Promise<string> {
  if (Boolean(options.jti) === Boolean(options.token)) throw new CliError('Cần đúng một trong --jti hoặc --token / give exactly one of --jti or --token');
  const jti = options.jti ?? unverifiedJti(options.token!);
  if (!jti) throw new CliError('Mã truy cập không có jti (mã cấp trước khi có thu hồi đã không còn hiệu lực) / the token has no jti');
  if (!JTI.test(jti)) throw new CliError('--jti chỉ gồm chữ, số, "_" và "-" / --jti has letters, digits, "_" and "-" only');
  const api = await provinceClient(baseUrl, null);
  await api.call('POST', '/tokens/revocations', { jti });
  return jti;
}

/** `tongket rotate-key`: a new signing key in TONGKET_DATA_DIR (or the deployed stack's secret). */
export async function rotateKey(): Promise<string> {
  useLocalKeyIfAny();
  return rotateSigningKey();
}

/**
 * `tongket links`: the access links of a year as GET /cycles/{year}/links gives them (CSV, or a
 * workbook with `format: 'xlsx'`). The links are stable: the API issues each one once and gives
 * the same link at every download until `POST /cycles/{year}/links/{code}` renews it.
 */
export async function accessLinks(baseUrl: string, year: number, options: { role?: 'association' | 'reviewer'; unit?: string; format?: 'csv' | 'xlsx' } = {}): Promise<Buffer> {
  const api = await provinceClient(baseUrl, year);
  const query = new URLSearchParams();
  if (options.role === 'reviewer') query.set('role', 'reviewer');
  if (options.unit) query.set('unit', options.unit);
  if (options.format === 'xlsx') query.set('format', 'xlsx');
  const path = `/cycles/${year}/links${query.size ? `?${query}` : ''}`;
  const response = await api.raw('GET', path);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (!response.ok) {
    const text = bytes.toString('utf8');
    throw new ApiCallError(response.status, response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text, `GET ${path}`);
  }
  return bytes;
}
