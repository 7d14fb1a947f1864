import { aggregateUnit } from '../../shared/app/close.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('aggregate-unit', aggregateUnit);
