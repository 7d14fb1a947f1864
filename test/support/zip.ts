// Reads a zip file (a .docx, an .xlsx) with Node's own inflate: the tests look inside the
// files without the libraries that wrote them.
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** MS-DOS time and date fields as stored in the central directory */
  time: number;
  date: number;
  data: Buffer;
}

export function readZip(zip: Buffer): Map<string, ZipEntry> {
  let end = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file');
  const entries = new Map<string, ZipEntry>();
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    entries.set(name, { name, time: zip.readUInt16LE(at + 12), date: zip.readUInt16LE(at + 14), data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The text of one entry (UTF-8); throws when the zip has no such entry. */
export function zipText(zip: Buffer | Map<string, ZipEntry>, name: string): string {
  const entries = Buffer.isBuffer(zip) ? readZip(zip) : zip;
  const entry = entries.get(name);
  if (!entry) throw new Error(`no ${name} in the zip (${[...entries.keys()].join(', ')})`);
  return entry.data.toString('utf8');
}

/** The text of a WordprocessingML part, paragraph by paragraph (the w:t of each w:p, joined). */
export function wordParagraphs(xml: string): string[] {
  const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1]!)).join(''));
}
