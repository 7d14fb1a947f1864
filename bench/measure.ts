// Measuring helpers: percentiles, machine facts, the peak memory of a process tree, and a
// bounded-concurrency runner that records every latency.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export const median = (xs: readonly number[]): number => percentile(xs, 50);

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * This process's own peak resident memory: VmHWM, the high-water mark of its address space.
 * Not `process.resourceUsage().maxRSS`: Linux carries the parent's peak into a child's
 * ru_maxrss across fork and exec, so a child of the full bench (which holds a 100,000-association
 * tier by then) reported the bench's ~295 MiB as its own peak, whatever it drew.
 */
export function ownPeakRssBytes(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux: the portable figure
  }
  return process.resourceUsage().maxRSS * 1024;
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

export interface Timed {
  ms: number;
}

/** Runs `count` calls of `fn` with at most `concurrency` at once; returns each call's latency in ms and the total time. */
export async function loadRun(count: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<{ latencies: number[]; totalMs: number }> {
  const latencies: number[] = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  return { latencies, totalMs: performance.now() - started };
}

/**
 * The memory (bytes) of a process and every descendant, read from /proc: the sum of each
 * process's proportional set size (PSS), so pages shared between the processes of one tree
 * (Chromium's renderer, GPU and utility processes map the same libraries) count once.
 */
function treeMemory(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(parent);
      if (list) list.push(Number(entry));
      else children.set(parent, [Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [rootPid];
  const seen = new Set<number>();
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface ChildRun {
  wallMs: number;
  /** peak of the summed PSS of the process tree, sampled every 10 ms */
  peakTreeBytes: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a command, timing it from spawn to exit and sampling the memory of its process tree. */
export function runMeasured(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    let peak = 0;
    const sample = () => {
      if (child.pid !== undefined) peak = Math.max(peak, treeMemory(child.pid));
    };
    const timer = setInterval(sample, 10);
    const killer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.once('error', (error) => {
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      reject(error);
    });
    child.once('exit', (code) => {
      const wallMs = performance.now() - started;
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      resolve({ wallMs, peakTreeBytes: peak, stdout, stderr, code });
    });
  });
}
