// `tongket serve --empty` as a child process on a data directory of its own, as a user runs it:
// for the tests that kill the server (SIGKILL) or must see that it stays up.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../infra/local/ports.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServeChild {
  readonly dataDir: string;
  /** the API of the running (or last) server */
  url: string;
  /** everything the servers started so far printed */
  output: string;
  child: ChildProcess | undefined;
  /** starts the server (again) on the same data directory and waits for /health */
  start(): Promise<void>;
  /** resolves once the current server has exited */
  exited(): Promise<void>;
  /** stops the server, kills a DynamoDB Local left by a killed one, removes the data */
  cleanup(): Promise<void>;
}

export function serveChild(prefix: string, options: { onExit?: () => void } = {}): ServeChild {
  const server: ServeChild = {
    dataDir: mkdtempSync(join(tmpdir(), prefix)),
    url: '',
    output: '',
    child: undefined,
    async start() {
      const port = await freePort();
      server.url = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = { ...process.env, TONGKET_DATA_DIR: server.dataDir, PORT: String(port), HOST: '127.0.0.1' };
      delete env.TONGKET_CLOCK_START;
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'tongket.mjs'), 'serve', '--empty'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      server.child = child;
      child.stdout!.on('data', (d: Buffer) => (server.output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (server.output += d.toString()));
      if (options.onExit) child.once('exit', options.onExit);
      for (const deadline = Date.now() + 90_000; ; ) {
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${server.output.slice(-2000)}`);
        try {
          if ((await fetch(`${server.url}/health`)).ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`the server did not start: ${server.output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    exited() {
      const c = server.child;
      return new Promise<void>((resolve) => (!c || c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
    },
    async cleanup() {
      const c = server.child;
      if (c && c.exitCode === null && c.signalCode === null) {
        c.kill('SIGTERM');
        await Promise.race([server.exited(), new Promise((r) => setTimeout(r, 15_000))]);
      }
      // DynamoDB Local of a killed server is stopped by the next start; if it still runs, stop it by its pid file.
      const pidFile = join(server.dataDir, 'dynamodb', 'pid');
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
        try {
          if (pid > 0) process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      rmSync(server.dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
