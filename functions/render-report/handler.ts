import middy from '@middy/core';
import { renderReport } from '../../shared/app/render.ts';

export const handler = middy<Parameters<typeof renderReport>[0], Awaited<ReturnType<typeof renderReport>>>().handler((input) => renderReport(input));
