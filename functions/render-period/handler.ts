import { renderPeriod } from '../../shared/app/period-render.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('render-period', renderPeriod);
