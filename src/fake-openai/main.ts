/**
 * `npm run fake-openai -- [--port 8789] [--latency MS] [--jitter MS] [--mode M] [--key K]
 * [--fault MODE=RATE ...] [--models A,B] [--formats json_schema,json_object] [--no-cors]
 * [--seed S] [--help]`: runs the fake OpenAI-compatible server until Ctrl-C, for offline demos
 * (`?brain=openai&baseUrl=http://127.0.0.1:8789/v1`) and browser tests.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FAKE_OPENAI_MODES, startFakeOpenAi } from './server.ts';
import type { FakeOpenAiMode, FakeOpenAiOptions, ResponseFormatType } from './server.ts';

const DEFAULT_PORT = '8789';

const HELP = `npm run fake-openai -- [flags]

A fake OpenAI-compatible server (POST /v1/chat/completions, streamed as SSE when asked, and
GET /v1/models) for offline demos and tests. Open the app with
?brain=openai&baseUrl=http://127.0.0.1:${DEFAULT_PORT}/v1 (no key needed unless --key is given).

  --port N              port to listen on (default $NEON_FAKE_OPENAI_PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --host H              address to listen on (default 127.0.0.1)
  --latency MS          answer time; a stream's last chunk leaves then (default 0)
  --jitter MS           uniform ± spread added to the latency (default 0)
  --mode MODE           the reply when no fault fires (default ok)
  --key KEY             the only key accepted, as Authorization: Bearer (default: any or none)
  --fault MODE=RATE     answer MODE to this share of requests, 0 to 1; repeatable
  --models A,B          the only models served and listed (default: any model is served)
  --formats F,G         the response_format types taken: json_schema, json_object (default both;
                        an empty value takes none)
  --no-cors             send no CORS headers: a page on another origin is blocked
  --seed S              seeds the jitter and fault draws
  --help                this text

Modes: ${FAKE_OPENAI_MODES.join(', ')}.
While it runs: GET /__fake/requests lists the requests seen; POST /__fake/control changes
latencyMs, jitterMs, mode, faults, rules, cors, responseFormats, streamOptions, models, or
queues a script of modes.`;

/** What the command line asks for: the help text, or a server with these options. */
export type FakeOpenAiCommand = { readonly help: true } | { readonly help: false; readonly options: FakeOpenAiOptions };

/** Reads the command line (the port's default from `env`), or throws an Error with a one-line message. */
export function parseFakeOpenAiArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): FakeOpenAiCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      mode: { type: 'string' },
      key: { type: 'string' },
      seed: { type: 'string' },
      models: { type: 'string' },
      formats: { type: 'string' },
      'no-cors': { type: 'boolean' },
      fault: { type: 'string', multiple: true },
    },
  });
  if (values.help === true) return { help: true };
  const faults: Partial<Record<FakeOpenAiMode, number>> = {};
  for (const entry of values.fault ?? []) {
    const [mode = '', rate = ''] = entry.split('=');
    faults[toMode(mode)] = toNumber(`--fault ${mode}`, rate, 0, 1);
  }
  const port = values.port ?? env.NEON_FAKE_OPENAI_PORT ?? DEFAULT_PORT;
  const options: FakeOpenAiOptions = {
    port: toNumber(values.port === undefined && env.NEON_FAKE_OPENAI_PORT !== undefined ? 'NEON_FAKE_OPENAI_PORT' : '--port', port, 0, 65535),
    faults,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.latency === undefined ? {} : { latencyMs: toNumber('--latency', values.latency, 0, 600_000) }),
    ...(values.jitter === undefined ? {} : { jitterMs: toNumber('--jitter', values.jitter, 0, 600_000) }),
    ...(values.mode === undefined ? {} : { mode: toMode(values.mode) }),
    ...(values.key === undefined ? {} : { apiKey: values.key }),
    ...(values.seed === undefined ? {} : { seed: toNumber('--seed', values.seed, 0, 2 ** 32 - 1) }),
    ...(values.models === undefined ? {} : { models: list(values.models) }),
    ...(values.formats === undefined ? {} : { responseFormats: list(values.formats).map(toFormat) }),
    ...(values['no-cors'] === true ? { cors: false } : {}),
  };
  return { help: false, options };
}

function list(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function toNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${flag} must be a number from ${min} to ${max}, got "${text}".`);
  }
  return value;
}

function toMode(text: string): FakeOpenAiMode {
  const mode = FAKE_OPENAI_MODES.find((candidate) => candidate === text);
  if (mode === undefined) throw new Error(`Unknown mode "${text}"; one of: ${FAKE_OPENAI_MODES.join(', ')}.`);
  return mode;
}

function toFormat(text: string): ResponseFormatType {
  if (text === 'json_schema' || text === 'json_object') return text;
  throw new Error(`Unknown response format "${text}"; json_schema or json_object.`);
}

async function main(): Promise<void> {
  let command: FakeOpenAiCommand;
  try {
    command = parseFakeOpenAiArgs(process.argv.slice(2));
  } catch (error) {
    // One line and exit code 2, as the other CLIs do; parseArgs can add a second line of advice.
    const line = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    const message = line.endsWith('.') ? line : `${line}.`;
    process.stderr.write(`fake-openai: ${message} Run 'npm run fake-openai -- --help' for the flags.\n`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const { options } = command;
  const fake = await startFakeOpenAi(options);
  // The key is never printed: only whether one is required.
  process.stdout.write(`Fake OpenAI-compatible server listening on ${fake.baseUrl} (key ${options.apiKey === undefined ? 'optional' : 'required'}, CORS ${options.cors === false ? 'off' : 'on'})\n`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Only when run as a script: the tests import parseFakeOpenAiArgs without starting a server.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
