// The DynamoDB client (the S3 one lives in files.ts, loaded only by jobs that touch files), created once per process (Lambda reuses them across invocations).
// The embedded runtime points them at DynamoDB Local and s3rver through environment
// variables set before any handler runs.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { environment, requiredEnv as env, resetEnv } from '../env.ts';

let documentClient: DynamoDBDocumentClient | undefined;


export function tableName(): string {
  return env('TABLE_NAME');
}

export function bucketName(): string {
  return env('BUCKET_NAME');
}

export function dynamo(): DynamoDBDocumentClient {
  if (!documentClient) {
    const { DYNAMODB_ENDPOINT: endpoint, DYNAMODB_REGION: region } = environment();
    const client = new DynamoDBClient(
      endpoint
        ? {
            endpoint,
            region: region ?? 'ap-southeast-1',
            credentials: {
              accessKeyId: env('DYNAMODB_ACCESS_KEY_ID'),
              secretAccessKey: env('DYNAMODB_SECRET_ACCESS_KEY'),
            },
            maxAttempts: 5,
          }
        : { maxAttempts: 5 },
    );
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }
  return documentClient;
}

/** For the embedded runtime and tests: forget clients after the environment changed. */
export function resetClients(): void {
  resetEnv();
  documentClient = undefined;
  for (const reset of resets) reset();
}

const resets: (() => void)[] = [];
/** Adapters with clients of their own register here, so resetClients forgets them too. */
export function onResetClients(reset: () => void): void {
  resets.push(reset);
}
