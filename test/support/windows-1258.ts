// Vietnamese text as Excel's "CSV (Comma delimited)" writes it on a Vietnamese Windows: code
// page 1258, where the vowels with a circumflex, breve or horn (â ê ô ă ơ ư) and đ have one byte
// each and the five tones are combining marks after them. The table is Node's own decoder's,
// read backwards, so the bytes are what a real Windows-1258 file holds (decoding them as
// windows-1258 gives the text back).
const decoder = new TextDecoder('windows-1258');
const BYTE_OF = new Map<string, number>();
for (let b = 0; b < 256; b++) {
  const c = decoder.decode(Uint8Array.of(b));
  if (c !== '\uFFFD' && !BYTE_OF.has(c)) BYTE_OF.set(c, b);
}
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;

export function windows1258(text: string): Buffer {
  const bytes: number[] = [];
  for (const letter of text.normalize('NFC')) {
    const parts = [...letter.normalize('NFD')];
    const base = parts.filter((c) => !TONE.test(c)).join('').normalize('NFC');
    for (const c of [base, ...parts.filter((c) => TONE.test(c))]) {
      const byte = BYTE_OF.get(c);
      if (byte === undefined) throw new Error(`no Windows-1258 byte for ${JSON.stringify(c)}`);
      bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}
