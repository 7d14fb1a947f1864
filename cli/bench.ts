// `tongket bench` / `npm run bench`: the benchmarks of BENCHMARKS.md (bench/run.ts), loaded
// only when asked for, so that the other commands do not pay for esbuild and the CDK.
import { resolve } from 'node:path';

export async function bench(options: { quick?: boolean; out?: string; only?: string }): Promise<void> {
  const { runBench, BENCH_PARTS } = await import('../bench/run.ts');
  const parts = options.only?.split(',').map((p) => p.trim()) as (typeof BENCH_PARTS)[number][] | undefined;
  const unknown = parts?.filter((p) => !BENCH_PARTS.includes(p));
  if (unknown?.length) throw new Error(`tongket bench --only: unknown part ${unknown.join(', ')} (parts: ${BENCH_PARTS.join(', ')})`);
  const out = resolve(options.out ?? (options.quick ? 'node_modules/.cache/tongket-bench/results-quick.json' : 'bench/results.json'));
  await runBench({ quick: Boolean(options.quick), out, only: parts });
}
