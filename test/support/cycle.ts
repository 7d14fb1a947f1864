// Drives a small cycle over HTTP for tests: open, import, submit, review.
import { expect } from 'vitest';
import type { StackClient } from './embedded.ts';

export const THREE_TIER_UNITS = `code,name,level,parent_code
DB,Tỉnh Điện Biên,province,
DB-MN,Huyện Mường Nhé,district,DB
DB-MN-CH,Xã Chung Chải,commune,DB-MN
DB-MN-SP,Xã Sín Thầu,commune,DB-MN
DB-TG,Huyện Tuần Giáo,district,DB
DB-TG-QC,Xã Quài Cang,commune,DB-TG
`;

export const THREE_TIER_ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
DB-CTD,Hội Chữ thập đỏ tỉnh Điện Biên,DB,true,1993-01-01,
DB-LG,Hội Luật gia tỉnh Điện Biên,DB,true,1998-01-01,
MN-NCT,Hội Người cao tuổi huyện Mường Nhé,DB-MN,false,2003-01-01,
CH-NCT,Hội Người cao tuổi xã Chung Chải,DB-MN-CH,false,2005-01-01,
SP-KH,Hội Khuyến học xã Sín Thầu,DB-MN-SP,false,2022-03-01,
TG-CTD,Hội Chữ thập đỏ huyện Tuần Giáo,DB-TG,true,2001-01-01,
QC-NCT,Hội Người cao tuổi xã Quài Cang,DB-TG-QC,false,2004-01-01,
`;

/** Hòa Bình: the province, two districts, three communes (the people's pages' browser tests). */
export const HOA_BINH_UNITS = `code,name,level,parent_code
HB,Tỉnh Hòa Bình,province,
HB-LS,Huyện Lạc Sơn,district,HB
HB-LS-VL,Xã Vũ Lâm,commune,HB-LS
HB-LS-TM,Xã Tân Mỹ,commune,HB-LS
HB-KB,Huyện Kim Bôi,district,HB
HB-KB-HS,Xã Hùng Sơn,commune,HB-KB
`;

export function report(members: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    members,
    newMembers: Math.floor(members / 10),
    branches: 3,
    charityEvents: 2,
    charityFundsVnd: 5_000_000,
    legalEducationSessions: 1,
    selfRating: 'excellent',
    nominate: true,
    achievements: 'Tổ chức tốt các hoạt động nhân đạo.',
    submittedBy: 'Lò Thị Mai',
    ...extra,
  };
}

export interface SeedReport {
  association: string;
  members: number;
  score?: number;
  /** approve (default), leave submitted, or none (never submitted) */
  outcome?: 'approve' | 'submitted' | 'none';
  /** the reviewer's final rating; none: the self rating */
  rating?: string;
  extra?: Record<string, unknown>;
}

export async function seedCycle(
  stack: StackClient,
  options: { year: number; province: string; units: string; associations: string; config?: Record<string, unknown>; reports: SeedReport[] },
): Promise<string> {
  const province = await stack.token({ role: 'province', unit: options.province });
  const opened = await stack.request('POST', '/cycles', { token: province, json: { year: options.year, ...(options.config ?? {}) } });
  expect(opened.status, opened.text).toBe(201);
  const imported = await stack.request('PUT', `/cycles/${options.year}/registry`, { token: province, json: { units: options.units, associations: options.associations } });
  expect(imported.status, imported.text).toBe(200);
  for (const r of options.reports) {
    if (r.outcome === 'none') continue;
    const token = await stack.token({ role: 'association', association: r.association });
    const submitted = await stack.request('PUT', `/cycles/${options.year}/reports/${r.association}`, { token, json: report(r.members, r.extra) });
    expect(submitted.status, submitted.text).toBe(200);
    if ((r.outcome ?? 'approve') === 'approve') {
      const reviewed = await stack.request('POST', `/cycles/${options.year}/reports/${r.association}/review`, {
        token: province,
        json: { decision: 'approve', version: submitted.json.version, score: r.score ?? 80, ...(r.rating ? { rating: r.rating } : {}) },
      });
      expect(reviewed.status, reviewed.text).toBe(200);
    }
  }
  return province;
}

export async function closeAndWait(stack: StackClient, year: number, province: string): Promise<Record<string, unknown>> {
  const close = await stack.request('POST', `/cycles/${year}/close`, { token: province });
  expect(close.status, close.text).toBe(202);
  return stack.waitForStatus(year, province, ['published', 'close_failed']);
}
