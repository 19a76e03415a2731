/**
 * `npm run fake-gemini -- [--port 8787] [--latency MS] [--jitter MS] [--mode M] [--key K]
 * [--fault MODE=RATE ...] [--seed S]`: runs the fake Gemini server until Ctrl-C, for offline
 * demos (`?brain=gemini&baseUrl=http://127.0.0.1:8787`) and browser tests.
 */
import { parseArgs } from 'node:util';
import { FAKE_MODES, startFakeGemini } from './server.ts';
import type { FakeGeminiOptions, FakeMode } from './server.ts';

const USAGE = 'usage: fake-gemini [--port 8787] [--host 127.0.0.1] [--latency MS] [--jitter MS] [--mode MODE] [--key KEY] [--fault MODE=RATE]... [--seed S]';

/** Reads the command line into server options, or throws a one-line message. */
export function parseFakeGeminiArgs(argv: readonly string[]): FakeGeminiOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      mode: { type: 'string' },
      key: { type: 'string' },
      seed: { type: 'string' },
      fault: { type: 'string', multiple: true },
    },
  });
  const faults: Partial<Record<FakeMode, number>> = {};
  for (const entry of values.fault ?? []) {
    const [mode = '', rate = ''] = entry.split('=');
    faults[toMode(mode)] = toNumber(`--fault ${mode}`, rate, 0, 1);
  }
  return {
    port: toNumber('--port', values.port, 0, 65535),
    faults,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.latency === undefined ? {} : { latencyMs: toNumber('--latency', values.latency, 0, 600_000) }),
    ...(values.jitter === undefined ? {} : { jitterMs: toNumber('--jitter', values.jitter, 0, 600_000) }),
    ...(values.mode === undefined ? {} : { mode: toMode(values.mode) }),
    ...(values.key === undefined ? {} : { apiKey: values.key }),
    ...(values.seed === undefined ? {} : { seed: toNumber('--seed', values.seed, 0, 2 ** 32 - 1) }),
  };
}

function toNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${flag} must be a number from ${min} to ${max}, got "${text}".`);
  }
  return value;
}

function toMode(text: string): FakeMode {
  const mode = FAKE_MODES.find((candidate) => candidate === text);
  if (mode === undefined) throw new Error(`Unknown mode "${text}"; one of: ${FAKE_MODES.join(', ')}.`);
  return mode;
}

async function main(): Promise<void> {
  let options: FakeGeminiOptions;
  try {
    options = parseFakeGeminiArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const fake = await startFakeGemini(options);
  // The key is never printed: only whether one is required.
  process.stdout.write(`Fake Gemini listening on ${fake.url} (key ${options.apiKey === undefined ? 'any' : 'required'})\n`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
