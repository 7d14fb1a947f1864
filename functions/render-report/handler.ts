import { renderReport } from '../../shared/app/render.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('render-report', renderReport);
