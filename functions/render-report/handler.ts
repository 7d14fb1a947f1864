import type { CloseKeys } from '../../shared/app/close.ts';
import { renderDraft, renderReport } from '../../shared/app/render.ts';
import { taskHandler } from '../../shared/observability/task.ts';

// RenderReport and RenderDraft (sign-off) invoke this one function: one bundle carries pdfkit and the fonts.
export const handler = taskHandler('render-report', async (input: CloseKeys & { draft?: boolean }): Promise<object> =>
  input.draft === true ? renderDraft(input) : renderReport(input),
);
