import middy from '@middy/core';
import { awaitClose } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof awaitClose>[0], Awaited<ReturnType<typeof awaitClose>>>().handler((input) => awaitClose(input));
