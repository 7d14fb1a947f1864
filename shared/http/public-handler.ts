// The chain for the public jobs (the pages, /health): no token to check, so none of the token,
// revocation or registry code is bundled with them, and their roles need no table access.
import { JOB_ACCESS, type ApiJob } from './access.ts';
import { createHttpHandler, type HttpHandlerOptions, type RequestContext, type Result } from './chain.ts';

export { json, type RequestContext, type Result } from './chain.ts';

const noCaller = async () => null;

export function publicHttpHandler(job: ApiJob, fn: (request: RequestContext) => Promise<Result>, options?: HttpHandlerOptions) {
  if (JOB_ACCESS[job].allow !== 'public') throw new Error(`Job ${job} takes a token: use httpHandler`);
  return createHttpHandler(noCaller)(job, fn, options);
}
