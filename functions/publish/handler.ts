import middy from '@middy/core';
import { publish } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof publish>[0], Awaited<ReturnType<typeof publish>>>().handler((input) => publish(input));
