import { readPeriodYears } from '../../shared/app/period-close.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('read-period-years', readPeriodYears);
