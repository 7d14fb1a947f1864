// Published files in S3 (s3rver locally).
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { environment } from '../env.ts';
import { bucketName, onResetClients } from './clients.ts';

let s3Client: S3Client | undefined;
onResetClients(() => (s3Client = undefined));

function s3(): S3Client {
  if (!s3Client) {
    const endpoint = environment().S3_ENDPOINT;
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

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Stores the file; answers the SHA-256 of the bytes stored, for the caller to record elsewhere. */
export async function putFile(key: string, body: Buffer | string, contentType: string): Promise<string> {
  const bytes = encodedOnce(body);
  await putWorkFile(key, bytes, contentType);
  return sha256Hex(bytes);
}

/**
 * Stores an intermediate file, whose digest nobody records: hashing the province's total of a
 * 100,000-association close (~21 MB) alone took 0.3–0.5 s of the close's CPU.
 */
export async function putWorkFile(key: string, body: Buffer | string, contentType: string): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: bucketName(), Key: key, Body: encodedOnce(body), ContentType: contentType }));
}

/**
 * A text encoded once: the SDK would otherwise encode it to measure it, again to sign it
 * (locally) and to send it, and the digest once more (a close's 20 MB work files).
 */
function encodedOnce(body: Buffer | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

export async function getFile(key: string): Promise<Buffer | null> {
  try {
    const object = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: key }));
    // The bytes the SDK collected, not a copy of them (a close's province file is 20 MB).
    const bytes = await object.Body!.transformToByteArray();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  }
}

/** A short-lived download link (AWS only: locally the S3 port is not reachable from other machines). */
export async function downloadUrl(key: string, filename: string, seconds = 300): Promise<string> {
  return getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucketName(),
      Key: key,
      ResponseContentDisposition: `attachment; filename="${filename}"`,
    }),
    { expiresIn: seconds },
  );
}

/** Throws unless the bucket answers within the signal's time (GET /health). */
export async function checkBucket(abortSignal: AbortSignal): Promise<void> {
  await s3().send(new HeadBucketCommand({ Bucket: bucketName() }), { abortSignal });
}
