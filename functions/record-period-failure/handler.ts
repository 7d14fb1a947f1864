import { recordPeriodFailure } from '../../shared/app/period-close.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('record-period-failure', recordPeriodFailure);
