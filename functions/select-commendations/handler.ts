import middy from '@middy/core';
import { selectCommendations } from '../../shared/app/close.ts';

export const handler = middy<Parameters<typeof selectCommendations>[0], Awaited<ReturnType<typeof selectCommendations>>>().handler((input) => selectCommendations(input));
