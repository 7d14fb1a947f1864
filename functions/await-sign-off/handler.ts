import { awaitSignOff } from '../../shared/app/close.ts';
import { taskHandler } from '../../shared/observability/task.ts';

export const handler = taskHandler('await-sign-off', awaitSignOff);
