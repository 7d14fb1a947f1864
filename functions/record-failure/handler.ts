import middy from '@middy/core';
import { recordFailure } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof recordFailure>[0], Awaited<ReturnType<typeof recordFailure>>>().handler((input) => recordFailure(input));
