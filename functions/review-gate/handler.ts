import middy from '@middy/core';
import { reviewGate } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof reviewGate>[0], Awaited<ReturnType<typeof reviewGate>>>().handler((input) => reviewGate(input));
