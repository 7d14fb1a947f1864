// Port helpers for the embedded stack.
import { createServer } from 'node:net';
import { EmbeddedStackError } from './errors.ts';

/** A port the OS considers free right now on `host` (bind to port 0, read it, close). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close((err) => (err ? reject(err) : port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Throws EmbeddedStackError when `port` on `host` cannot be bound (EADDRINUSE / EACCES). */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new EmbeddedStackError(
            `Cổng ${port} đang được dùng (có thể một \`tongket serve\` khác đang chạy) — hãy đặt biến PORT sang cổng khác.`,
            `Port ${port} is already in use (another \`tongket serve\`?) — set PORT.`,
            { cause: err },
          ),
        );
      } else if (err.code === 'EACCES') {
        reject(
          new EmbeddedStackError(
            `Không được phép dùng cổng ${port} trên ${host} — hãy đặt PORT lớn hơn 1024.`,
            `Not allowed to bind port ${port} on ${host} — set PORT above 1024.`,
            { cause: err },
          ),
        );
      } else {
        reject(err);
      }
    });
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => resolve());
    });
  });
}
