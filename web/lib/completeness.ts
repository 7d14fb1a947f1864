// The completeness table of /review and /province: the cycle's unit rows (GET /cycles/{year}),
// each level indented below the table's top level.
import type { CycleView } from '../../shared/app/cycles.ts';
import type { Level } from '../../shared/domain/types.ts';
import { make } from './dom.ts';

export type UnitRow = CycleView['units'][number];

const DEPTH: Readonly<Record<Level, number>> = { province: 0, district: 1, commune: 2 };

export function depthOf(level: string): number {
  return DEPTH[level as Level] ?? 0;
}

export function completenessTable(tbody: HTMLElement, rows: readonly UnitRow[], topLevel: string, count: (n: unknown) => string): void {
  tbody.textContent = '';
  const base = depthOf(topLevel);
  for (const row of rows) {
    const tr = make('tr', `lv-${row.level} depth-${Math.max(0, Math.min(2, depthOf(row.level) - base))}`);
    const th = make('th', null, row.name);
    th.scope = 'row';
    tr.appendChild(th);
    const cells = [row.expected, row.submitted, row.approved, row.returned, row.missing, row.late];
    cells.forEach((n, i) => {
      const td = make('td', null, count(n));
      if (i === 4 && n > 0) td.className = 'bad';
      if (i === 5 && n > 0) td.className = 'warn';
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
}
