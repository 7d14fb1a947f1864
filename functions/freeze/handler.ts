import middy from '@middy/core';
import { freeze } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof freeze>[0], Awaited<ReturnType<typeof freeze>>>().handler((input) => freeze(input));
