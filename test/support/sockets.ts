// The TCP sockets a process listens on, read from /proc (Linux): its socket inodes from
// /proc/<pid>/fd, matched to the LISTEN rows of /proc/<pid>/net/tcp and tcp6. Nothing is
// sent anywhere: this is how a test sees which addresses the embedded stack answers on.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ListeningSocket {
  pid: number;
  address: string;
  port: number;
  family: 4 | 6;
}

const LISTEN = '0A';

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.add(m[1]!);
  }
  return inodes;
}

/** /proc/net/tcp writes each 32-bit word of an address in host (little-endian) order. */
function wordBytes(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 8) {
    const word = hex.slice(i, i + 8);
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(word.slice(b, b + 2), 16));
  }
  return bytes;
}

export function decodeAddress(hex: string): string {
  const bytes = wordBytes(hex);
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

export function listeningSockets(pid: number): ListeningSocket[] {
  const inodes = socketInodes(pid);
  const found: ListeningSocket[] = [];
  for (const [file, family] of [['tcp', 4], ['tcp6', 6]] as const) {
    let table: string;
    try {
      table = readFileSync(`/proc/${pid}/net/${file}`, 'utf8');
    } catch {
      continue; // no IPv6 on this kernel
    }
    for (const line of table.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== LISTEN || !inodes.has(cols[9]!)) continue;
      const [addressHex, portHex] = cols[1]!.split(':') as [string, string];
      found.push({ pid, address: decodeAddress(addressHex), port: parseInt(portHex, 16), family });
    }
  }
  return found;
}

export function isLoopbackAddress(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}
