/**
 * Serves the production build (`dist/`, from `vite build`) with `vite preview` on a free port,
 * as users get it: the dev server's unbundled modules and HMR client would skew frame times.
 * `NEON_DIST` names another build directory (`vite build --outDir …`), as in playwright.config.ts,
 * so a run can measure its own build without overwriting the `dist/` someone else is serving.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE = fileURLToPath(new URL('../../node_modules/.bin/vite', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const DIST = process.env.NEON_DIST ?? 'dist';

/** A running preview server. */
export interface Preview {
  readonly baseUrl: string;
  /** Stops the server; safe to call twice. */
  stop(): Promise<void>;
}

/** A port the OS says is free now (a tiny race with other programs is accepted; --strictPort reports it). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Starts `vite preview` and resolves once it answers HTTP. */
export async function startPreview(): Promise<Preview> {
  const port = await freePort();
  const child = spawn(VITE, ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', DIST], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}): ${output.trim().split('\n').pop() ?? ''}`);
    try {
      const response = await fetch(`${baseUrl}/`);
      if (response.ok) return { baseUrl, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`vite preview did not answer on ${baseUrl} within ${START_TIMEOUT_MS / 1000} s`);
}
