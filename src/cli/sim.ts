import type { Brain } from '../brain/brain.ts';
import { DEFAULT_GEMINI_MODEL, GeminiBrain } from '../brain/geminiBrain.ts';
import { MockBrain } from '../brain/mockBrain.ts';
import { realClock } from '../clock/clock.ts';
import { WorldEngine } from '../engine/engine.ts';
import { FixedStepLoop } from '../engine/loop.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { AnyAsk } from '../brain/ask.ts';
import { defaultWorldConfig } from '../sim/world.ts';
import { numberFlag, parseFlags, runMain, UsageError } from './args.ts';

const HELP = `Usage: npm run sim -- [flags]

Runs a headless world in real time with the same loop, scheduler and brains as the browser,
then prints the scheduler's metrics and every agent's last thought.

  --brain mock|gemini   who thinks (default mock); gemini reads the key from GEMINI_API_KEY
  --agents N            agents (default 10, 1 to 10000)
  --ticks N             ticks to run (default 100)
  --tick-ms MS          milliseconds per tick (default 100, i.e. 10 ticks per second)
  --think-interval MS   time between an agent's thoughts (default 3000)
  --align 0|1           all agents think on the same ticks (default 1)
  --rpm R               requests per rolling minute (default 600; use ~10 on a free tier)
  --concurrency C       calls in flight at once (default 64)
  --timeout MS          per-call timeout (default 10000)
  --latency MS          mock latency (default 500)
  --jitter MS           mock latency jitter (default 100)
  --failure-rate P      mock failure rate, 0 to 1 (default 0)
  --model NAME          Gemini model (default ${DEFAULT_GEMINI_MODEL})
  --base-url URL        Gemini API base URL (e.g. a proxy or the fake server)
  --seed S              world seed (default 1)
  --json                print one JSON object
  --help                this text`;

function readFlags(argv: readonly string[]) {
  const flags = parseFlags(argv, {
    brain: { type: 'string' }, agents: { type: 'string' }, ticks: { type: 'string' }, 'tick-ms': { type: 'string' },
    'think-interval': { type: 'string' }, align: { type: 'string' }, rpm: { type: 'string' },
    concurrency: { type: 'string' }, timeout: { type: 'string' }, latency: { type: 'string' },
    jitter: { type: 'string' }, 'failure-rate': { type: 'string' }, model: { type: 'string' },
    'base-url': { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' },
  });
  const brain = flags.brain ?? 'mock';
  if (brain !== 'mock' && brain !== 'gemini') throw new UsageError(`--brain must be mock or gemini (got '${brain}').`);
  const tickMs = numberFlag('tick-ms', flags['tick-ms'], 100, { positive: true });
  return {
    help: flags.help === true,
    json: flags.json === true,
    brain,
    model: flags.model ?? DEFAULT_GEMINI_MODEL,
    baseUrl: flags['base-url'],
    tickMs,
    ticks: numberFlag('ticks', flags.ticks, 100, { integer: true, min: 1 }),
    thinkIntervalTicks: Math.max(1, Math.round(numberFlag('think-interval', flags['think-interval'], 3000, { positive: true }) / tickMs)),
    align: numberFlag('align', flags.align, 1, { integer: true, min: 0, max: 1 }) === 1,
    agents: numberFlag('agents', flags.agents, 10, { integer: true, min: 1, max: 10_000 }),
    seed: numberFlag('seed', flags.seed, 1, { integer: true, min: 0 }),
    rpm: numberFlag('rpm', flags.rpm, 600, { integer: true, positive: true }),
    concurrency: numberFlag('concurrency', flags.concurrency, 64, { integer: true, positive: true }),
    timeoutMs: numberFlag('timeout', flags.timeout, 10_000, { positive: true }),
    latencyMs: numberFlag('latency', flags.latency, 500, { min: 0 }),
    jitterMs: numberFlag('jitter', flags.jitter, 100, { min: 0 }),
    failureRate: numberFlag('failure-rate', flags['failure-rate'], 0, { min: 0, max: 1 }),
  };
}

type SimFlags = ReturnType<typeof readFlags>;

function makeBrain(flags: SimFlags): Brain {
  if (flags.brain === 'mock') {
    return new MockBrain({ clock: realClock, seed: flags.seed, latencyMs: flags.latencyMs, jitterMs: flags.jitterMs, errorRate: flags.failureRate });
  }
  const apiKey = process.env.GEMINI_API_KEY?.trim() ?? '';
  if (apiKey === '') throw new UsageError('--brain gemini needs an API key: set GEMINI_API_KEY in the environment.');
  return new GeminiBrain({ apiKey, model: flags.model, ...(flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl }) });
}

runMain('sim', async () => {
  const flags = readFlags(process.argv.slice(2));
  if (flags.help) {
    console.log(HELP);
    return;
  }
  const scheduler = new Scheduler<AnyAsk, unknown>({
    model: makeBrain(flags),
    clock: realClock,
    config: { rpm: flags.rpm, concurrency: flags.concurrency, timeoutMs: flags.timeoutMs },
  });
  const engine = new WorldEngine({
    world: defaultWorldConfig({ agents: flags.agents, seed: flags.seed, align: flags.align, thinkIntervalTicks: flags.thinkIntervalTicks }),
    scheduler,
  });
  const started = realClock.now();
  await new Promise<void>((resolve) => {
    const loop = new FixedStepLoop(realClock, flags.tickMs, () => {
      engine.tick();
      if (engine.state.tick >= flags.ticks) {
        loop.pause();
        resolve();
      }
    });
    loop.start();
  });
  const elapsedMs = realClock.now() - started;
  const metrics = scheduler.metrics();
  const agents = engine.state.agents.map((a) => ({ id: a.id, name: a.name, x: a.x, y: a.y, state: a.state, source: a.source, decisions: a.decisions, thought: a.thought, plan: a.plan }));
  scheduler.dispose();
  if (flags.json) {
    console.log(JSON.stringify({ ticks: engine.state.tick, elapsedMs: Math.round(elapsedMs), metrics, agents }));
    return;
  }
  console.log(`Ran ${engine.state.tick} ticks with ${flags.agents} agents (${flags.brain} brain) in ${(elapsedMs / 1000).toFixed(1)} s.`);
  console.log(
    `Calls: ${metrics.callsStarted} started, ${metrics.callsSucceeded} succeeded, ${metrics.callsFailed} failed, ` +
      `${metrics.retries} retries, ${metrics.fallbacks} fallbacks; ${metrics.inFlight} in flight, ${metrics.queued} queued; ` +
      `${metrics.callsLastMinute} in the last minute of ${metrics.rpmLimit} allowed; ${metrics.tokens.totalTokens} tokens.`,
  );
  if (metrics.liveDisabled) console.log(`Live calls stopped: ${metrics.liveDisabled.message}`);
  const last = metrics.lastBatch;
  if (last) console.log(`Last batch: ${last.size} calls in ${Math.round(last.wallMs)} ms; one at a time they would take ${Math.round(last.sumLatencyMs)} ms (${last.speedup.toFixed(1)}×).`);
  for (const a of agents.slice(0, 50)) console.log(`  ${a.name.padEnd(14)} (${a.x},${a.y}) [${a.source}] ${a.thought || '(no thought yet)'}`);
  if (agents.length > 50) console.log(`  … and ${agents.length - 50} more (use --json for all).`);
});
