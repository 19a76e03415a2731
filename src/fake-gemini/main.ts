/**
 * `npm run fake-gemini -- [--port 8787] [--latency MS] [--jitter MS] [--mode M] [--key K]
 * [--fault MODE=RATE ...] [--seed S] [--help]`: runs the fake Gemini server until Ctrl-C, for offline
 * demos (`?brain=gemini&baseUrl=http://127.0.0.1:8787`) and browser tests.
 */
import { parseArgs } from 'node:util';
import { FAKE_MODES, startFakeGemini } from './server.ts';
import type { FakeGeminiOptions, FakeMode } from './server.ts';

const HELP = `npm run fake-gemini -- [flags]

A fake Gemini REST server (generateContent, and streamGenerateContent?alt=sse in 3-6 chunks
over the latency) for offline demos and tests. A request that asks for no JSON gets prose.
Open the app with ?brain=gemini&baseUrl=http://127.0.0.1:8787 and enter any key (or the one
given by --key).

  --port N              port to listen on (default 8787; 0 picks a free one)
  --host H              address to listen on (default 127.0.0.1)
  --latency MS          answer time; a stream's last chunk leaves then (default 0)
  --jitter MS           uniform ± spread added to the latency (default 0)
  --mode MODE           the reply when no fault fires (default ok)
  --key KEY             the only key accepted (default: any non-empty key)
  --fault MODE=RATE     answer MODE to this share of requests, 0 to 1; repeatable
  --seed S              seeds the jitter and fault draws
  --help                this text

Modes: ${FAKE_MODES.join(', ')}.
While it runs: GET /__fake/requests lists the requests seen; POST /__fake/control changes
latencyMs, jitterMs, mode, faults, or queues a script of modes.`;

/** What the command line asks for: the help text, or a server with these options. */
export type FakeGeminiCommand = { readonly help: true } | { readonly help: false; readonly options: FakeGeminiOptions };

/** Reads the command line, or throws an Error with a one-line message. */
export function parseFakeGeminiArgs(argv: readonly string[]): FakeGeminiCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean' },
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
  if (values.help === true) return { help: true };
  const faults: Partial<Record<FakeMode, number>> = {};
  for (const entry of values.fault ?? []) {
    const [mode = '', rate = ''] = entry.split('=');
    faults[toMode(mode)] = toNumber(`--fault ${mode}`, rate, 0, 1);
  }
  const options: FakeGeminiOptions = {
    port: toNumber('--port', values.port, 0, 65535),
    faults,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.latency === undefined ? {} : { latencyMs: toNumber('--latency', values.latency, 0, 600_000) }),
    ...(values.jitter === undefined ? {} : { jitterMs: toNumber('--jitter', values.jitter, 0, 600_000) }),
    ...(values.mode === undefined ? {} : { mode: toMode(values.mode) }),
    ...(values.key === undefined ? {} : { apiKey: values.key }),
    ...(values.seed === undefined ? {} : { seed: toNumber('--seed', values.seed, 0, 2 ** 32 - 1) }),
  };
  return { help: false, options };
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
  let command: FakeGeminiCommand;
  try {
    command = parseFakeGeminiArgs(process.argv.slice(2));
  } catch (error) {
    // One line and exit code 2, as the other CLIs do (src/cli/args.ts); node's parseArgs
    // messages can run to a second line of advice, which is dropped.
    const line = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    const message = line.endsWith('.') ? line : `${line}.`;
    process.stderr.write(`fake-gemini: ${message} Run 'npm run fake-gemini -- --help' for the flags.\n`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const { options } = command;
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
