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

/** `missing`: when given, a unit's missing count (when not 0) is a button that calls it (the province's list of who has not submitted). */
export interface CompletenessOptions {
  missing?: { label: (row: UnitRow) => string; open: (row: UnitRow, button: HTMLButtonElement) => void };
}

export function completenessTable(tbody: HTMLElement, rows: readonly UnitRow[], topLevel: string, count: (n: unknown) => string, options: CompletenessOptions = {}): void {
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
      const missing = options.missing;
      if (i === 4 && n > 0 && missing) {
        const button = make('button', 'count-link', count(n));
        button.type = 'button';
        button.dataset.unit = row.code;
        button.setAttribute('aria-label', missing.label(row));
        button.addEventListener('click', () => missing.open(row, button));
        td.textContent = '';
        td.appendChild(button);
      }
      if (i === 5 && n > 0) td.className = 'warn';
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
}
