// s3rver in-process, on loopback, on a free port, persisted under <dataDir>/s3.
// See /work/shared/STACK.md "S3, locally" for why the client config below is exact.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { EmbeddedStackError } from './errors.ts';

export const S3_LOCAL_REGION = 'ap-southeast-1';
const HOST = '127.0.0.1';

export interface S3Local {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startS3Local(opts: { dataDir: string; log?: (line: string) => void }): Promise<S3Local> {
  const directory = join(resolve(opts.dataDir), 's3');
  await mkdir(directory, { recursive: true });
  // port 0: s3rver passes it straight to http.Server.listen, so the OS picks a free port.
  const server = new S3rver({ address: HOST, port: 0, directory, silent: true });
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
    stop() {
      stopped ??= server.close().then(() => opts.log?.('s3rver stopped'));
      return stopped;
    },
  };
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
