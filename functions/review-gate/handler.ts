import { listUnitsToAggregate } from '../../shared/app/close.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('review-gate', listUnitsToAggregate);
