// `tongket serve` / `npm start`: the embedded stack in the foreground until Ctrl-C.
import { defaultDataDir, logFileOf, plaintextHostWarning, startEmbeddedStack, type EmbeddedStack } from '../infra/local/runtime.ts';
import { ApiCallError } from './api-client.ts';
import { DEMO_YEAR, demoCycleConfig, demoRegistry } from './demo-data.ts';
import { CliError, mintToken, provinceClient } from './tokens.ts';

/** PORT: plain digits, 0–65535 (0 picks a free port); `1e3`, `0x50` or ` 80` are mistakes, not ports. */
export function portFrom(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  if (!/^[0-9]{1,5}$/.test(raw) || Number(raw) > 65_535) {
    throw new CliError(`PORT phải là số từ 0 đến 65535 (chỉ chữ số) / PORT must be a number from 0 to 65535 (digits only): ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

export async function serve(options: { empty: boolean }): Promise<void> {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = portFrom(process.env.PORT);
  const dataDir = defaultDataDir();
  const verbose = Boolean(process.env.TONGKET_VERBOSE);
  console.log(`Tổng kết: đang khởi động (dữ liệu: ${dataDir}) …`);
  const warning = plaintextHostWarning(host);
  if (warning) console.warn(warning);
  let ready = false;
  const stack = await startEmbeddedStack({
    dataDir,
    host,
    port,
    log: verbose ? (line) => console.log(`  ${line}`) : undefined,
    // one line per request and per Task once the links are printed (the start-up's own requests are in the log file)
    console: (line) => {
      if (ready) console.log(`  ${line}`);
    },
  });
  installShutdown(stack);
  process.env.TONGKET_SIGNING_KEY_FILE = stack.signingKeyFile;
  try {
    const province = await provinceClient(stack.url, null);
    const cycles = await province.raw('GET', `/cycles/${DEMO_YEAR}`);
    if (!options.empty && cycles.status === 404) {
      console.log(`Lần đầu chạy: nạp danh sách mẫu Lai Châu ${DEMO_YEAR} và mở kỳ báo cáo …`);
      await province.call('POST', '/cycles', demoCycleConfig());
      await province.call('PUT', `/cycles/${DEMO_YEAR}/registry`, demoRegistry());
    }
    await printLinks(stack.url, host);
    console.log(`Nhật ký / log (JSON): ${logFileOf(dataDir)}\n`);
    ready = true;
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** The URLs and access links `tongket serve` prints (exported for the test of their lifetimes). */
export async function printLinks(url: string, host: string): Promise<void> {
  console.log(`\nAPI: ${url}   (GET /health)`);
  if (host === '0.0.0.0') console.log('Đang nghe trên mọi giao diện mạng (HOST=0.0.0.0): thay 127.0.0.1 bằng địa chỉ của máy này.');
  try {
    const province = await provinceClient(url, DEMO_YEAR);
    const cycle = await province.call<{ units: { code: string; level: string }[]; status: string }>('GET', `/cycles/${DEMO_YEAR}`);
    const provinceCode = cycle.units[0]?.code;
    // A unit below the root (the root may be a district, so its level says nothing).
    const district = cycle.units.find((u) => u.code !== provinceCode);
    // The association shown sits under the reviewer shown, so the two links make one story.
    const first = await province.call<{ items: { association: string; name: string }[] }>('GET', `/cycles/${DEMO_YEAR}/reports?unit=${district?.code ?? provinceCode}&limit=1`);
    const association = first.items[0];
    console.log(`Kỳ báo cáo ${DEMO_YEAR}: ${cycle.status}`);
    if (association) {
      const token = await mintToken({ role: 'association', association: association.association, days: 90 });
      console.log(`\nHội (${association.name}):\n  ${url}/?year=${DEMO_YEAR}&token=${token}`);
    }
    if (district) {
      const token = await mintToken({ role: 'reviewer', unit: district.code, days: 90 });
      console.log(`\nNgười duyệt (${district.code}):\n  ${url}/review?year=${DEMO_YEAR}&token=${token}`);
    }
    if (provinceCode) {
      // The province's token opens everything: the link printed on a terminal lives one day.
      const token = await mintToken({ role: 'province', unit: provinceCode, days: 1 });
      console.log(`\nTỉnh (${provinceCode}, có hạn 1 ngày; lấy mã mới: npx tongket token --role province --unit ${provinceCode} --days 1):\n  ${url}/province?year=${DEMO_YEAR}&token=${token}`);
    }
  } catch (error) {
    if (!(error instanceof ApiCallError && error.status === 404)) throw error;
    console.log('Chưa có kỳ báo cáo nào: mở bằng `tongket open --year Y` rồi `tongket import …`.');
  }
  console.log('\nNhấn Ctrl-C để dừng. / Press Ctrl-C to stop.');
}

function installShutdown(stack: EmbeddedStack): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: đang dừng …`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
