// AWS SDK clients, created once per process (Lambda reuses them across invocations).
// The embedded runtime points them at DynamoDB Local and s3rver through environment
// variables set before any handler runs.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

let documentClient: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function tableName(): string {
  return env('TABLE_NAME');
}

export function bucketName(): string {
  return env('BUCKET_NAME');
}

export function dynamo(): DynamoDBDocumentClient {
  if (!documentClient) {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    const client = new DynamoDBClient(
      endpoint
        ? {
            endpoint,
            region: process.env.DYNAMODB_REGION ?? 'ap-southeast-1',
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

export function s3(): S3Client {
  if (!s3Client) {
    const endpoint = process.env.S3_ENDPOINT;
    s3Client = new S3Client(
      endpoint
        ? {
            endpoint,
            region: 'ap-southeast-1',
            forcePathStyle: true,
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
            // s3rver stores aws-chunked framing inside objects unless checksums are off.
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
          }
        : {},
    );
  }
  return s3Client;
}

/** For the embedded runtime and tests: forget clients after the environment changed. */
export function resetClients(): void {
  documentClient = undefined;
  s3Client = undefined;
}
