import { parseFlags, numberFlag, runMain } from './args.ts';
import { runBatch, type BatchRun, type BenchSettings } from './benchBatch.ts';

const HELP = `Usage: npm run bench -- [flags]

Runs the same batch of agent decisions with the mock brain in real time, first one call at a
time (sequential), then all at once under the budget (parallel), and compares the wall times.

  --agents N          agents in the batch (default 10, 1 to 10000)
  --latency MS        mock latency per call (default 500)
  --jitter MS         latency varies uniformly by ± this much (default 0)
  --rpm R             requests per rolling minute (default: no budget)
  --concurrency C     calls in flight at once (default: no cap)
  --failure-rate P    chance a call fails, 0 to 1 (default 0); failures retry, then fall back
  --timeout MS        per-call timeout (default: the larger of 10000 and 2 × (latency + jitter))
  --seed S            seed for agents and latencies (default 1)
  --json              print one JSON object instead of a table
  --help              this text`;

function settingsFrom(argv: readonly string[]): { settings: BenchSettings; json: boolean; help: boolean } {
  const flags = parseFlags(argv, {
    agents: { type: 'string' },
    latency: { type: 'string' },
    jitter: { type: 'string' },
    rpm: { type: 'string' },
    concurrency: { type: 'string' },
    'failure-rate': { type: 'string' },
    timeout: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  const latencyMs = numberFlag('latency', flags.latency, 500, { min: 0 });
  const jitterMs = numberFlag('jitter', flags.jitter, 0, { min: 0 });
  const settings: BenchSettings = {
    agents: numberFlag('agents', flags.agents, 10, { integer: true, min: 1, max: 10_000 }),
    latencyMs,
    jitterMs,
    rpm: numberFlag('rpm', flags.rpm, Infinity, { integer: true, positive: true }),
    concurrency: numberFlag('concurrency', flags.concurrency, Infinity, { integer: true, positive: true }),
    failureRate: numberFlag('failure-rate', flags['failure-rate'], 0, { min: 0, max: 1 }),
    timeoutMs: numberFlag('timeout', flags.timeout, Math.max(10_000, 2 * (latencyMs + jitterMs)), { positive: true }),
    seed: numberFlag('seed', flags.seed, 1, { integer: true, min: 0 }),
  };
  return { settings, json: flags.json === true, help: flags.help === true };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

function table(settings: BenchSettings, runs: readonly BatchRun[], speedup: number): string {
  const budget = Number.isFinite(settings.rpm) ? `${settings.rpm} rpm` : 'no rpm budget';
  const cap = Number.isFinite(settings.concurrency) ? `concurrency ${settings.concurrency}` : 'no concurrency cap';
  const lines = [
    `Neon bench: ${settings.agents} agents, mock latency ${settings.latencyMs} ms ± ${settings.jitterMs} ms, ${budget}, ${cap}, failure rate ${settings.failureRate}`,
    '',
    `${'strategy'.padEnd(12)}${'wall ms'.padStart(10)}${'sum of latencies'.padStart(18)}${'decisions'.padStart(11)}${'fallbacks'.padStart(11)}${'retries'.padStart(9)}`,
    ...runs.map(
      (r) =>
        `${r.strategy.padEnd(12)}${round(r.wallMs).toFixed(1).padStart(10)}${round(r.sumLatencyMs).toFixed(1).padStart(18)}` +
        `${String(r.decisions).padStart(11)}${String(r.fallbacks).padStart(11)}${String(r.retries).padStart(9)}`,
    ),
    '',
    `Speedup: ${speedup.toFixed(2)}× (sequential wall ÷ parallel wall).`,
  ];
  return lines.join('\n');
}

runMain('bench', async () => {
  const { settings, json, help } = settingsFrom(process.argv.slice(2));
  if (help) {
    console.log(HELP);
    return;
  }
  if (!json) console.error(`Running ${settings.agents} calls sequentially (about ${Math.round((settings.agents * settings.latencyMs) / 1000)} s)…`);
  const sequential = await runBatch('sequential', settings);
  if (!json) console.error('Running the same calls in parallel…');
  const parallel = await runBatch('parallel', settings);
  const speedup = sequential.wallMs / parallel.wallMs;
  if (!json) {
    console.log(table(settings, [sequential, parallel], speedup));
    return;
  }
  console.log(
    JSON.stringify({
      agents: settings.agents,
      latencyMs: settings.latencyMs,
      sequential: { wallMs: round(sequential.wallMs), sumLatencyMs: round(sequential.sumLatencyMs), fallbacks: sequential.fallbacks },
      parallel: { wallMs: round(parallel.wallMs), sumLatencyMs: round(parallel.sumLatencyMs), fallbacks: parallel.fallbacks, retries: parallel.retries },
      speedup: Math.round(speedup * 1000) / 1000,
      decisions: parallel.decisions,
      fallbacks: parallel.fallbacks,
    }),
  );
});
