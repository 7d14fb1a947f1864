import middy from '@middy/core';
import { aggregateUnit } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof aggregateUnit>[0], Awaited<ReturnType<typeof aggregateUnit>>>().handler((input) => aggregateUnit(input));
