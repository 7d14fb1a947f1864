// The Lai Châu 2020 demo registry and reports shipped in demo/lai-chau-2020/.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo', 'lai-chau-2020');
export const DEMO_YEAR = 2020;

export function demoRegistry(): { units: string; associations: string } {
  return {
    units: readFileSync(join(DEMO_DIR, 'units.csv'), 'utf8'),
    associations: readFileSync(join(DEMO_DIR, 'associations.csv'), 'utf8'),
  };
}

export function demoCycleConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DEMO_DIR, 'cycle.json'), 'utf8')) as Record<string, unknown>;
}

export interface DemoReport {
  association: string;
  /** the body an association submits */
  report: Record<string, unknown>;
  /** what its reviewer decides */
  score: number;
  rating: string;
}

export function demoReports(): DemoReport[] {
  return readDemoReports(join(DEMO_DIR, 'reports.csv'));
}

/** A demo's reports file (the columns of demo/lai-chau-2020/reports.csv): each form and its reviewer's decision. */
export function readDemoReports(file: string): DemoReport[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row) => {
    const report: Record<string, unknown> = {
      members: Number(row.members),
      newMembers: Number(row.newMembers),
      branches: Number(row.branches),
      charityEvents: Number(row.charityEvents),
      charityFundsVnd: Number(row.charityFundsVnd),
      legalEducationSessions: Number(row.legalEducationSessions),
      selfRating: row.selfRating,
      nominate: row.nominate === 'true',
      submittedBy: row.submittedBy,
    };
    for (const text of ['achievements', 'limitations', 'proposals'] as const) if (row[text]) report[text] = row[text];
    return { association: row.association!, report, score: Number(row.score), rating: row.rating! };
  });
}
