import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../infra/routes.ts';

describe('the route table', () => {
  it('matches paths with their parameters, decoded', () => {
    const match = matchRoute('PUT', '/cycles/2020/reports/LC-CTD');
    expect(match).toMatchObject({ route: { job: 'submit-report' }, pathParameters: { year: '2020', association: 'LC-CTD' } });
    expect(matchRoute('GET', '/cycles/2020/reports')).toMatchObject({ route: { job: 'list-reports' } });
    expect(matchRoute('GET', '/cycles/2020/report.pdf')).toMatchObject({ route: { job: 'get-published' } });
  });

  it('tells an unknown path from a wrong method, and never matches an empty segment', () => {
    expect(matchRoute('GET', '/nope')).toBeNull();
    expect(matchRoute('DELETE', '/cycles/2020')).toBe('method_not_allowed');
    expect(matchRoute('GET', '/cycles//reports')).toBeNull();
    expect(matchRoute('GET', '/cycles/%E0%A4%A')).toBeNull();
  });
});
