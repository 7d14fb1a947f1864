// The names a registry workbook brings, read in the browser for the import's preview: the
// code and name of each unit, the code, name and unit of each association. Display only —
// the server reads and checks the workbook (shared/xlsx): anything this reader does not
// understand gives null, and the preview names the codes alone. An .xlsx is a zip of XML
// parts; the parts are inflated with the browser's DecompressionStream and read with regular
// expressions (DOMParser is an HTML sink under Trusted Types).

export interface WorkbookNames {
  units: Map<string, string>;
  associations: Map<string, { name: string; unit: string }>;
}

const SHEETS = { units: ['units', 'đơn vị'], associations: ['associations', 'hội'] } as const;
const CODE = ['code', 'mã'];
const NAME = ['name', 'tên'];
const UNIT = ['unit_code', 'mã đơn vị'];

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

/** The zip's entries by name: each one's bytes, inflated on demand. */
function zipEntries(bytes: Uint8Array): Map<string, () => Promise<string>> {
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip');
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const entries = new Map<string, () => Promise<string>>();
  const utf8 = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (u32(bytes, at) !== 0x02014b50) throw new Error('bad central directory');
    const method = u16(bytes, at + 10);
    const size = u32(bytes, at + 20);
    const nameLength = u16(bytes, at + 28);
    const skip = nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    const local = u32(bytes, at + 42);
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + skip;
    if (u32(bytes, local) !== 0x04034b50) throw new Error('bad local header');
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const data = bytes.slice(start, start + size);
    entries.set(name, async () => {
      if (method === 0) return utf8.decode(data);
      if (method !== 8) throw new Error('unknown compression');
      const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Response(stream).text();
    });
  }
  return entries;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!;
  });
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
/** The text runs (<t>) of an element, joined. */
const runs = (xml: string) => [...xml.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((m) => decodeXml(m[1]!)).join('');

/** Column letters of a cell reference → 0-based index ("B7" → 1). */
function columnOf(ref: string): number {
  let n = 0;
  for (const c of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet's rows, each an array of cell texts. */
function sheetRows(xml: string, shared: string[]): string[][] {
  const rows: string[][] = [];
  for (const row of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    let next = 0;
    for (const cell of row[1]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cell[1]!;
      const body = cell[2] ?? '';
      const ref = attr(attrs, 'r');
      const column = ref ? columnOf(ref) : next;
      const type = attr(attrs, 't');
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const text = type === 's' ? (shared[Number(v)] ?? '') : type === 'inlineStr' ? runs(body) : decodeXml(v ?? '');
      cells[column] = text.trim().normalize('NFC');
      next = column + 1;
    }
    rows.push(Array.from(cells, (c) => c ?? ''));
  }
  return rows;
}

/** The rows keyed by the header's names (lower case), the header being the first row. */
function records(rows: string[][]): Record<string, string>[] {
  const [header, ...rest] = rows;
  if (!header) return [];
  const names = header.map((h) => h.toLowerCase());
  return rest.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
}

const pick = (record: Record<string, string>, names: readonly string[]) => names.map((n) => record[n]).find((v) => v) ?? '';

export async function workbookNames(bytes: Uint8Array): Promise<WorkbookNames | null> {
  try {
    const zip = zipEntries(bytes);
    const read = async (name: string) => (await zip.get(name)?.()) ?? null;
    const workbook = await read('xl/workbook.xml');
    const rels = await read('xl/_rels/workbook.xml.rels');
    if (!workbook || !rels) return null;
    const sharedXml = await read('xl/sharedStrings.xml');
    const shared = sharedXml ? [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runs(m[1]!)) : [];
    const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id') ?? '', attr(m[0], 'Target') ?? '']));
    const sheets = new Map<string, string>();
    for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
      const name = decodeXml(attr(m[0], 'name') ?? '').normalize('NFC').trim().toLowerCase();
      const target = targets.get(attr(m[0], 'r:id') ?? '') ?? '';
      sheets.set(name, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const rowsOf = async (names: readonly string[]) => {
      const path = names.map((n) => sheets.get(n)).find(Boolean);
      const xml = path ? await read(path) : null;
      return xml ? records(sheetRows(xml, shared)) : [];
    };
    const out: WorkbookNames = { units: new Map(), associations: new Map() };
    for (const r of await rowsOf(SHEETS.units)) if (pick(r, CODE)) out.units.set(pick(r, CODE), pick(r, NAME) || pick(r, CODE));
    for (const r of await rowsOf(SHEETS.associations)) {
      if (pick(r, CODE)) out.associations.set(pick(r, CODE), { name: pick(r, NAME) || pick(r, CODE), unit: pick(r, UNIT) });
    }
    return out;
  } catch {
    return null;
  }
}
