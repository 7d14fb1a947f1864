// A smoke run of `tongket bench --quick` (tiny sizes), so the bench does not rot. It asserts
// that every part runs and reports, never how fast: benchmarks are not tests.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTable, runBench, type BenchResults } from '../../bench/run.ts';

describe('bench --quick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongket-bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every part at tiny sizes and writes the results file', async () => {
    const out = join(dir, 'results.json');
    const results = await runBench({ quick: true, out, bundleJobs: ['health'], log: () => {} });
    expect(existsSync(out)).toBe(true);
    const written = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(written.mode).toBe('quick');
    expect(written.machine.cpus).toBeGreaterThan(0);

    expect(results.submit?.http.errors).toBe(0);
    expect(results.submit?.floor.errors).toBe(0);
    expect(results.submit?.http.requests).toBe(results.sizes.submissions);

    expect(results.close?.tiers.map((t) => t.associations)).toEqual(results.sizes.closeTiers);
    for (const tier of results.close!.tiers) {
      expect(tier.floor.itemsRead).toBe(tier.associations);
      expect(tier.pages).toBeGreaterThan(0);
      expect(tier.steps).toHaveProperty('RenderReport');
    }

    expect(results.pdf?.appendixRows).toBe(results.sizes.pdfAssociations);
    expect(results.pdf?.renderer.pages).toBeGreaterThan(1);
    expect(results.pdf?.naive.pages).toBeGreaterThan(0);

    expect(results.exports?.streaming.rows).toBe(results.sizes.exportAssociations);
    expect(results.exports?.streaming.bytes).toBeGreaterThan(0);

    expect(results.bundles?.functions.map((f) => f.job)).toEqual(['health']);
    expect(results.bundles?.functions[0]?.bytes).toBeGreaterThan(0);

    // The bill: the Lai Châu year counted over the API, each close tier metered, all priced.
    const year = results.year!;
    expect(year.reports).toBe(179);
    expect(year.usage.apiRequests).toBeGreaterThan(year.reports * 3);
    expect(year.usage.lambda['submit-report']?.invocations).toBe(year.reports + year.returned);
    expect(year.usage.dynamo.rru).toBeGreaterThan(0);
    expect(year.usage.dynamo.wru).toBeGreaterThan(0);
    expect(year.closeUsage.stepFunctions.transitions).toBeGreaterThan(5);
    expect(year.usage.s3.tier1).toBeGreaterThan(0);
    for (const tier of results.close!.tiers) expect(tier.usage?.dynamo.rru).toBeGreaterThan(0);
    const bill = results.bill!;
    expect(bill.years[0]?.associations).toBe(182);
    expect(bill.years[0]?.yearUsd).toBeGreaterThan(0);
    expect(bill.laiChauMonthUsd).toBeGreaterThan(bill.idle.monthUsd);

    expect(results.verdicts.length).toBeGreaterThan(0);
    expect(formatTable(results)).toContain('targets');
  }, 600_000);
});
