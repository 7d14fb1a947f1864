import middy from '@middy/core';
import { checkAutoClose } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof checkAutoClose>[0], Awaited<ReturnType<typeof checkAutoClose>>>().handler((input) => checkAutoClose(input));
