import { selectPeriodCommendations } from '../../shared/app/period-close.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('select-period-commendations', selectPeriodCommendations);
