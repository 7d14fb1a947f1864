import middy from '@middy/core';
import { rollupProvince } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof rollupProvince>[0], Awaited<ReturnType<typeof rollupProvince>>>().handler((input) => rollupProvince(input));
