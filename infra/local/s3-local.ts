// s3rver in-process, on loopback, on a free port, persisted under <dataDir>/s3 (0700: s3rver
// checks no signature, so the files are kept from other local users at least).
// See /work/shared/STACK.md "S3, locally" for why the client config below is exact.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { EmbeddedStackError } from './errors.ts';

export const S3_LOCAL_REGION = 'ap-southeast-1';
const HOST = '127.0.0.1';

export interface S3Local {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  /** where s3rver keeps the objects (`<bucket>/<key>._S3rver_object`) */
  directory: string;
  stop(): Promise<void>;
}

export async function startS3Local(opts: { dataDir: string; log?: (line: string) => void }): Promise<S3Local> {
  const directory = join(resolve(opts.dataDir), 's3');
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await chmod(directory, 0o700); // also when it pre-existed with 0755
  // port 0: s3rver passes it straight to http.Server.listen, so the OS picks a free port.
  const server = new S3rver({ address: HOST, port: 0, directory, silent: true });
  containWriteErrors(server as unknown as { store: FilesystemStore });
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (err) {
    throw new EmbeddedStackError(
      `Không khởi động được kho S3 cục bộ (s3rver) trong ${directory}.`,
      `Could not start the local S3 store (s3rver) in ${directory}.`,
      { detail: err instanceof Error ? err.message : String(err), cause: err },
    );
  }
  const endpoint = `http://${HOST}:${port}`;
  opts.log?.(`s3rver listening on ${endpoint} (data: ${directory})`);
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port,
    directory,
    stop() {
      stopped ??= server.close().then(() => opts.log?.('s3rver stopped'));
      return stopped;
    },
  };
}

interface S3rverObject {
  bucket: string;
  key: string;
  content: Buffer | NodeJS.ReadableStream;
  metadata: Record<string, string>;
}

interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
}

/**
 * s3rver 3.7's FilesystemStore.putObject gives its file write stream no 'error' listener:
 * EISDIR, ENOSPC or EACCES while writing an object is an uncaught exception that ends this
 * whole process (and the next start, which resumes the close, the same way). This one does
 * what it does (same file, same md5 and metadata) with the write awaited, so the error
 * reaches s3rver's request handler and the client gets an S3 InternalError naming the
 * cause: the close then ends in close_failed.
 */
function containWriteErrors(server: { store: FilesystemStore }): void {
  const store = server.store;
  if (typeof store?.putObject !== 'function' || typeof store.getResourcePath !== 'function' || typeof store.putMetadata !== 'function') {
    throw new EmbeddedStackError(
      'Phiên bản s3rver này khác với phiên bản dự án đã kiểm tra (thiếu store.putObject).',
      'This s3rver version differs from the one the project was checked with (no store.putObject).',
    );
  }
  store.putObject = async (object: S3rverObject) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    const md5 = createHash('md5');
    let size = 0;
    try {
      await mkdir(dirname(objectPath), { recursive: true });
      const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          md5.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(content, count, createWriteStream(objectPath));
    } catch (error) {
      throw storeError(object, error);
    }
    const digest = md5.digest('hex');
    await store.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
}

/** `expose`: s3rver then puts the message in the S3 error the client receives. */
function storeError(object: S3rverObject, error: unknown): Error {
  const err = error as NodeJS.ErrnoException;
  // the node message ends with the absolute path ("…, open '/home/…'"): the key says enough
  const reason = (err.message ?? String(error)).replace(/, \w+ '[^']*'$/, '');
  return Object.assign(new Error(`Local storage (s3rver) could not write ${object.bucket}/${object.key}: ${reason}`), { expose: true, status: 500 });
}

/**
 * The S3Client configuration s3rver needs. Without the two WHEN_REQUIRED settings the SDK
 * sends stream uploads aws-chunked and s3rver stores the framing inside the object.
 */
export function s3ClientConfig(endpoint: string): S3ClientConfig {
  return {
    endpoint: endpoint.replace('://localhost', `://${HOST}`),
    region: S3_LOCAL_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}
