import { publishPeriod } from '../../shared/app/period-close.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('publish-period', publishPeriod);
