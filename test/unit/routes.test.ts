import { describe, expect, it } from 'vitest';
import { ROUTES, matchRoute } from '../../infra/routes.ts';
import { JOB_ACCESS } from '../../shared/http/access.ts';
import { jsonNestsDeeperThan } from '../../shared/http/handler.ts';

describe('the route table', () => {
  it('matches paths with their parameters, decoded', () => {
    const match = matchRoute('PUT', '/cycles/2020/reports/LC-CTD');
    expect(match).toMatchObject({ route: { job: 'submit-report' }, pathParameters: { year: '2020', association: 'LC-CTD' } });
    expect(matchRoute('GET', '/cycles/2020/reports')).toMatchObject({ route: { job: 'list-reports' } });
    expect(matchRoute('GET', '/cycles/2020/report.pdf')).toMatchObject({ route: { job: 'get-published-pdf' } });
  });

  it('tells an unknown path from a wrong method, and never matches an empty segment', () => {
    expect(matchRoute('GET', '/nope')).toBeNull();
    expect(matchRoute('DELETE', '/cycles/2020')).toBe('method_not_allowed');
    expect(matchRoute('GET', '/cycles//reports')).toBeNull();
    expect(matchRoute('GET', '/cycles/%E0%A4%A')).toBeNull();
  });
});

describe('who may call each job', () => {
  it('has one access rule per job of the route table, and none for a job that is not routed', () => {
    const routed = new Set(ROUTES.map((r) => r.job));
    expect(Object.keys(JOB_ACCESS).sort()).toEqual([...routed].sort());
  });

  it('keeps the public jobs to the pages and /health, and gzip to the registry import and the draft’s document details', () => {
    expect(Object.entries(JOB_ACCESS).filter(([, a]) => a.allow === 'public').map(([job]) => job).sort()).toEqual(['health', 'pages']);
    // The two bodies that may pass the CLI's 64 KB compression threshold (four narrative sections of 20,000 characters).
    expect(Object.entries(JOB_ACCESS).filter(([, a]) => a.gzip).map(([job]) => job)).toEqual(['import-registry', 'update-document']);
  });
});

describe('the JSON depth scan', () => {
  it('counts brackets and braces outside strings only', () => {
    expect(jsonNestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":"[[[[[[{{{{"}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":"\\"}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":"\\\\\\"[[["}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('[]'.repeat(100_000), 1)).toBe(false);
    expect(jsonNestsDeeperThan('['.repeat(100_000), 16)).toBe(true);
  });
});
