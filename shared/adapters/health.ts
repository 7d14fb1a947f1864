// Whether GET /health probes the stores: only when they run on this machine (DynamoDB Local,
// s3rver); the probes are in store-probes.ts, imported only then.
import { environment } from '../env.ts';

/** The stores are embedded when the runtime points the clients at local endpoints. */
export function embeddedStores(): boolean {
  const { DYNAMODB_ENDPOINT, S3_ENDPOINT } = environment();
  return Boolean(DYNAMODB_ENDPOINT || S3_ENDPOINT);
}
