// Minting tokens from the command line, and the access links a province mails out.
import { existsSync } from 'node:fs';
import { signingKey } from '../shared/adapters/signing-key.ts';
import { isRole, signToken, type Principal } from '../shared/auth/tokens.ts';
import { spreadsheetCsv } from '../shared/domain/commended-csv.ts';
import { defaultDataDir, signingKeyFileOf } from '../infra/local/runtime.ts';
import { ApiClient } from './api-client.ts';

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

export async function mintToken(options: { role: string; unit?: string; association?: string; days: number }): Promise<string> {
  if (!isRole(options.role)) throw new CliError('--role phải là association, reviewer hoặc province / must be association, reviewer or province');
  if (options.role === 'association' && !options.association) throw new CliError('--association là bắt buộc / is required');
  if (options.role !== 'association' && !options.unit) throw new CliError('--unit là bắt buộc / is required');
  if (options.days < 1 || options.days > 400) throw new CliError('--days từ 1 đến 400 / from 1 to 400');
  useLocalKeyIfAny();
  const principal: Principal =
    options.role === 'association' ? { role: 'association', association: options.association } : { role: options.role, unit: options.unit };
  try {
    return await signToken(principal, await signingKey(), options.days * 86_400);
  } catch (error) {
    if ((error as { name?: string }).name === 'ZodError') throw new CliError('Mã đơn vị/hội không hợp lệ / invalid unit or association code');
    throw error;
  }
}

/** A client acting as the province. Its unit is the registry's province when there is one. */
export async function provinceClient(baseUrl: string, year: number | null): Promise<ApiClient> {
  if (process.env.TONGKET_TOKEN) return new ApiClient(baseUrl, process.env.TONGKET_TOKEN);
  let unit = 'PROVINCE';
  if (year !== null) {
    const probe = new ApiClient(baseUrl, await mintToken({ role: 'province', unit, days: 1 }));
    const cycle = await probe.call<{ units: { code: string }[] }>('GET', `/cycles/${year}`);
    unit = cycle.units[0]?.code ?? unit;
  }
  return new ApiClient(baseUrl, await mintToken({ role: 'province', unit, days: 1 }));
}

export async function accessLinksCsv(baseUrl: string, year: number, days: number): Promise<string> {
  const api = await provinceClient(baseUrl, year);
  const cycle = await api.call<{ units: { code: string }[] }>('GET', `/cycles/${year}`);
  const province = cycle.units[0]?.code;
  if (!province) throw new CliError(`Năm ${year} chưa có danh sách / no registry for ${year}`);
  const rows: string[][] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ unit: province, limit: '200', ...(cursor ? { cursor } : {}) });
    const page: { items: { association: string; name: string; unit: string }[]; cursor: string | null } = await api.call('GET', `/cycles/${year}/reports?${query}`);
    for (const item of page.items) {
      const token = await mintToken({ role: 'association', association: item.association, days });
      const link = new URL('/', baseUrl);
      link.searchParams.set('year', String(year));
      link.searchParams.set('token', token);
      rows.push([item.association, item.name, item.unit, link.toString()]);
    }
    cursor = page.cursor;
  } while (cursor);
  return spreadsheetCsv([['code', 'name', 'unit', 'link'], ...rows]);
}
