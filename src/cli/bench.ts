import { DEFAULT_SETTINGS, MAX_AGENTS, TOPIC_CATALOGUE } from '../scenarios/community/population.ts';
import { DEFAULT_SETTINGS as GM_DEFAULTS, MAX_NPCS } from '../scenarios/gamemaster/village.ts';
import { parseFlags, numberFlag, runMain, UsageError } from './args.ts';
import { runBatch, type BatchRun, type BenchSettings } from './benchBatch.ts';
import { BASELINES, benchCommunity, COMMUNITY_CONCURRENCY, communityJson, communityTable, type Baseline, type CommunityBenchSettings } from './benchCommunity.ts';
import { benchGamemaster, gamemasterJson, gamemasterTable, type GamemasterBenchSettings } from './benchGamemaster.ts';
import { benchRelationships, relationshipsJson, relationshipsTable, type RelationshipsBenchSettings } from './benchRelationships.ts';
import { MAX_SCENES, MAX_SIMS } from '../scenarios/relationships/relationshipsRun.ts';
import { DAG_NAMES } from '../scenarios/pipeline/types.ts';
import { WIDE_FANOUT } from '../scenarios/pipeline/presets.ts';
import { benchPipeline, pipelineJson, pipelineTable, type PipelineBenchSettings } from './benchPipeline.ts';

const HELP = `Usage: npm run bench -- [--scenario grid|community|gamemaster|relationships|pipeline] [flags]

grid (the default): runs the same batch of agent decisions with the mock brain in real time,
first one call at a time (sequential), then all at once under the budget (parallel), and
compares the wall times.

community: runs a whole community (debate, beliefs, chat, posts, reactions, vote, with a barrier
after each phase) with the mock brain in real time under its semaphore, and reports each phase.

gamemaster: plays a scripted session of player actions (with repeats) against the game master:
each turn's assessments at once under a reply deadline, a cache, background upkeep and prefetch
in the reading pauses; then the first --sample actions again one assessment at a time. Reports
the response p50/p95 (first words and complete), one at a time, the cache hit rate, the share of
assessments that fell back, and the background jobs and prefetch calls.

relationships: runs --sims simulations of --scenes scenes each (a scene master sets each scene,
the pair act and appraise twice, reflect, and are scored), all at once, then one after another;
reports the speedup, the finish-time spread and the simulations that failed.

pipeline: runs a DAG (--dag) one node at a time, level by level and each node as soon as its
inputs are ready, with its tools in a pool of worker threads; reports the walls, the critical
path and the speedups, then a level of 4 CPU tools in the pool against one thread.

  --scenario NAME     grid (default), community, gamemaster, relationships or pipeline
  --agents N          agents in the batch (default 10, 1 to 10000), or personas (default ${DEFAULT_SETTINGS.agents}, 1 to ${MAX_AGENTS})
  --latency MS        mock latency per call (default 500)
  --jitter MS         latency varies uniformly by ± this much (default 0)
  --rpm R             requests per rolling minute (default: no budget)
  --concurrency C     calls in flight at once (default: no cap; community: its semaphore, 20)
  --failure-rate P    chance a call fails, 0 to 1 (default 0); failures retry, then fall back
  --timeout MS        per-call timeout (default: the larger of 10000 and 2 × (latency + jitter))
  --seed S            seed for agents and latencies (default 1)
  --baseline B        run: measure the sequential side (default); sum: do not run it, take the
                      sum of the parallel calls' own time, each attempt from send to end,
                      backoff waits left out ("baseline": "sum" in the JSON)
  --epochs E          community: epochs (default ${DEFAULT_SETTINGS.epochs})
  --topics T          community: topics (default ${DEFAULT_SETTINGS.topics}, 1 to ${TOPIC_CATALOGUE.length})
  --turns N           gamemaster: turns of the session (default 200)
  --npcs N            gamemaster: NPCs in the village (default ${GM_DEFAULTS.npcs}, 1 to ${MAX_NPCS})
  --deadline MS       gamemaster: the reply is composed this long after the action (default ${GM_DEFAULTS.deadlineMs})
  --cache 0|1         gamemaster: the answer cache and its prefetch (default 1)
  --prefetch K        gamemaster: likely next actions prefetched after each turn (default ${GM_DEFAULTS.prefetch}, 0 to 10)
  --read MS           gamemaster: the player's reading pause between turns (default 300)
  --sample N          gamemaster: turns played again one at a time for the sequential side (default 20)
                      (gamemaster's latency and jitter default to 450 and 350: calls of 100 to 800 ms)
  --sims N            relationships: simulations (default 6, 1 to ${MAX_SIMS})
  --scenes N          relationships: scenes per simulation (default 3, 1 to ${MAX_SCENES})
  --fail-sim K        relationships: every call of simulation K fails (default -1: none)
  --uneven            relationships: simulation k plays (k mod scenes) + 1 scenes
  --dag NAME          pipeline: diamond (default), wide, chain or uneven (latency defaults to 1000)
  --fanout N          pipeline: the width of wide's middle level (default 10; 98 makes 100 nodes)
  --fail-node ID      pipeline: every attempt of this node fails
  --tools 0|1         pipeline: measure the tool pool against one thread too (default 1)
  --json              print one JSON object instead of a table
  --help              this text`;

const FLAGS = {
  scenario: { type: 'string' },
  agents: { type: 'string' },
  latency: { type: 'string' },
  jitter: { type: 'string' },
  rpm: { type: 'string' },
  concurrency: { type: 'string' },
  'failure-rate': { type: 'string' },
  timeout: { type: 'string' },
  seed: { type: 'string' },
  baseline: { type: 'string' },
  epochs: { type: 'string' },
  topics: { type: 'string' },
  turns: { type: 'string' },
  npcs: { type: 'string' },
  deadline: { type: 'string' },
  cache: { type: 'string' },
  prefetch: { type: 'string' },
  read: { type: 'string' },
  sample: { type: 'string' },
  sims: { type: 'string' },
  scenes: { type: 'string' },
  'fail-sim': { type: 'string' },
  uneven: { type: 'boolean' },
  dag: { type: 'string' },
  fanout: { type: 'string' },
  'fail-node': { type: 'string' },
  tools: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof FLAGS>>;

const SCENARIOS = ['grid', 'community', 'gamemaster', 'relationships', 'pipeline'] as const;
type BenchScenario = (typeof SCENARIOS)[number];

function oneOf<T extends string>(name: string, raw: string | undefined, options: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  const found = options.find((option) => option === raw);
  if (found === undefined) throw new UsageError(`--${name} must be ${options.join(' or ')} (got '${raw}').`);
  return found;
}

/** The settings both scenarios share; the agents' default and range and the cap's default differ between them. */
function commonFrom(flags: Flags, agents: { fallback: number; max: number }, concurrency: number): BenchSettings {
  const latencyMs = numberFlag('latency', flags.latency, 500, { min: 0 });
  const jitterMs = numberFlag('jitter', flags.jitter, 0, { min: 0 });
  return {
    agents: numberFlag('agents', flags.agents, agents.fallback, { integer: true, min: 1, max: agents.max }),
    latencyMs,
    jitterMs,
    rpm: numberFlag('rpm', flags.rpm, Infinity, { integer: true, positive: true }),
    concurrency: numberFlag('concurrency', flags.concurrency, concurrency, { integer: true, positive: true }),
    failureRate: numberFlag('failure-rate', flags['failure-rate'], 0, { min: 0, max: 1 }),
    timeoutMs: numberFlag('timeout', flags.timeout, Math.max(10_000, 2 * (latencyMs + jitterMs)), { positive: true }),
    seed: numberFlag('seed', flags.seed, 1, { integer: true, min: 0 }),
  };
}

const GAMEMASTER_FLAGS = ['turns', 'npcs', 'deadline', 'cache', 'prefetch', 'read', 'sample'] as const;
const RELATIONSHIPS_FLAGS = ['sims', 'scenes', 'fail-sim', 'uneven'] as const;
const PIPELINE_FLAGS = ['dag', 'fanout', 'fail-node', 'tools'] as const;

function pipelineFrom(flags: Flags): PipelineBenchSettings {
  refuse(flags, ['epochs', 'topics'], 'community');
  refuse(flags, GAMEMASTER_FLAGS, 'gamemaster');
  refuse(flags, RELATIONSHIPS_FLAGS, 'relationships');
  if (flags.agents !== undefined) throw new UsageError('--agents is not for --scenario pipeline: use --dag.');
  const latencyMs = numberFlag('latency', flags.latency, 1_000, { min: 0 });
  const jitterMs = numberFlag('jitter', flags.jitter, 0, { min: 0 });
  return {
    dag: oneOf('dag', flags.dag, DAG_NAMES, 'diamond'),
    fanout: numberFlag('fanout', flags.fanout, WIDE_FANOUT, { integer: true, min: 2, max: 198 }),
    latencyMs,
    jitterMs,
    rpm: numberFlag('rpm', flags.rpm, Infinity, { integer: true, positive: true }),
    concurrency: numberFlag('concurrency', flags.concurrency, Infinity, { integer: true, positive: true }),
    failureRate: numberFlag('failure-rate', flags['failure-rate'], 0, { min: 0, max: 1 }),
    timeoutMs: numberFlag('timeout', flags.timeout, Math.max(10_000, 4 * (latencyMs + jitterMs)), { positive: true }),
    seed: numberFlag('seed', flags.seed, 1, { integer: true, min: 0 }),
    failNode: flags['fail-node'] ?? null,
    tools: numberFlag('tools', flags.tools, 1, { integer: true, min: 0, max: 1 }) === 1,
  };
}

/** Flags of one scenario given to another are mistakes, not silent no-ops. */
function refuse(flags: Flags, names: readonly (keyof Flags)[], only: string): void {
  for (const name of names) {
    if (flags[name] !== undefined) throw new UsageError(`--${name} is only for --scenario ${only}.`);
  }
}

function gamemasterFrom(flags: Flags, baseline: Baseline): GamemasterBenchSettings {
  refuse(flags, PIPELINE_FLAGS, 'pipeline');
  refuse(flags, ['epochs', 'topics'], 'community');
  refuse(flags, RELATIONSHIPS_FLAGS, 'relationships');
  if (flags.agents !== undefined) throw new UsageError('--agents is not for --scenario gamemaster: use --npcs.');
  const latencyMs = numberFlag('latency', flags.latency, 450, { min: 0 });
  const jitterMs = numberFlag('jitter', flags.jitter, 350, { min: 0 });
  const turns = numberFlag('turns', flags.turns, 200, { integer: true, min: 1, max: 10_000 });
  return {
    turns,
    npcs: numberFlag('npcs', flags.npcs, GM_DEFAULTS.npcs, { integer: true, min: 1, max: MAX_NPCS }),
    latencyMs,
    jitterMs,
    deadlineMs: numberFlag('deadline', flags.deadline, GM_DEFAULTS.deadlineMs, { positive: true }),
    cache: numberFlag('cache', flags.cache, 1, { integer: true, min: 0, max: 1 }) === 1,
    prefetch: numberFlag('prefetch', flags.prefetch, GM_DEFAULTS.prefetch, { integer: true, min: 0, max: 10 }),
    readMs: numberFlag('read', flags.read, 300, { min: 0 }),
    sample: Math.min(turns, numberFlag('sample', flags.sample, 20, { integer: true, min: 0, max: 10_000 })),
    rpm: numberFlag('rpm', flags.rpm, Infinity, { integer: true, positive: true }),
    concurrency: numberFlag('concurrency', flags.concurrency, Infinity, { integer: true, positive: true }),
    failureRate: numberFlag('failure-rate', flags['failure-rate'], 0, { min: 0, max: 1 }),
    timeoutMs: numberFlag('timeout', flags.timeout, Math.max(10_000, 2 * (latencyMs + jitterMs)), { positive: true }),
    seed: numberFlag('seed', flags.seed, 1, { integer: true, min: 0 }),
    baseline,
  };
}

function relationshipsFrom(flags: Flags, baseline: Baseline): RelationshipsBenchSettings {
  refuse(flags, PIPELINE_FLAGS, 'pipeline');
  refuse(flags, ['epochs', 'topics'], 'community');
  refuse(flags, GAMEMASTER_FLAGS, 'gamemaster');
  if (flags.agents !== undefined) throw new UsageError('--agents is not for --scenario relationships: use --sims.');
  const sims = numberFlag('sims', flags.sims, 6, { integer: true, min: 1, max: MAX_SIMS });
  const common = commonFrom(flags, { fallback: 1, max: 1 }, Infinity);
  return {
    latencyMs: common.latencyMs,
    jitterMs: common.jitterMs,
    rpm: common.rpm,
    concurrency: common.concurrency,
    failureRate: common.failureRate,
    timeoutMs: common.timeoutMs,
    seed: common.seed,
    sims,
    scenes: numberFlag('scenes', flags.scenes, 3, { integer: true, min: 1, max: MAX_SCENES }),
    failSim: numberFlag('fail-sim', flags['fail-sim'], -1, { integer: true, min: -1, max: sims - 1 }),
    uneven: flags.uneven === true,
    baseline,
  };
}

function communityFrom(flags: Flags, baseline: Baseline): CommunityBenchSettings {
  refuse(flags, PIPELINE_FLAGS, 'pipeline');
  refuse(flags, GAMEMASTER_FLAGS, 'gamemaster');
  refuse(flags, RELATIONSHIPS_FLAGS, 'relationships');
  return {
    ...commonFrom(flags, { fallback: DEFAULT_SETTINGS.agents, max: MAX_AGENTS }, COMMUNITY_CONCURRENCY),
    epochs: numberFlag('epochs', flags.epochs, DEFAULT_SETTINGS.epochs, { integer: true, min: 1, max: 100 }),
    topics: numberFlag('topics', flags.topics, DEFAULT_SETTINGS.topics, { integer: true, min: 1, max: TOPIC_CATALOGUE.length }),
    baseline,
  };
}

function gridFrom(flags: Flags): BenchSettings {
  refuse(flags, PIPELINE_FLAGS, 'pipeline');
  refuse(flags, ['epochs', 'topics'], 'community');
  refuse(flags, GAMEMASTER_FLAGS, 'gamemaster');
  refuse(flags, RELATIONSHIPS_FLAGS, 'relationships');
  return commonFrom(flags, { fallback: 10, max: 10_000 }, Infinity);
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

function table(settings: BenchSettings, runs: readonly BatchRun[], speedup: number): string {
  const budget = Number.isFinite(settings.rpm) ? `${settings.rpm} rpm` : 'no rpm budget';
  const cap = Number.isFinite(settings.concurrency) ? `concurrency ${settings.concurrency}` : 'no concurrency cap';
  const lines = [
    `Neon bench: ${settings.agents} agents, mock latency ${settings.latencyMs} ms ± ${settings.jitterMs} ms, ${budget}, ${cap}, failure rate ${settings.failureRate}`,
    '',
    `${'strategy'.padEnd(12)}${'wall ms'.padStart(10)}${'sum of calls ms'.padStart(18)}${'decisions'.padStart(11)}${'fallbacks'.padStart(11)}${'retries'.padStart(9)}`,
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

async function benchGrid(settings: BenchSettings, baseline: Baseline, json: boolean): Promise<void> {
  if (!json && baseline === 'run') console.error(`Running ${settings.agents} calls sequentially (about ${Math.round((settings.agents * settings.latencyMs) / 1000)} s)…`);
  const measured = baseline === 'run' ? await runBatch('sequential', settings) : null;
  if (!json) console.error('Running the same calls in parallel…');
  const parallel = await runBatch('parallel', settings);
  // Without a sequential run, one call at a time would have cost the sum of the calls' own time (`CallRecord.callMs`).
  const sequential: BatchRun = measured ?? { ...parallel, strategy: 'sequential', wallMs: parallel.sumLatencyMs };
  const speedup = sequential.wallMs / parallel.wallMs;
  if (!json) {
    console.log(table(settings, [sequential, parallel], speedup));
    if (!measured) console.log('The sequential row was not run: its wall is the sum of the parallel calls\' own time (--baseline sum).');
    return;
  }
  console.log(
    JSON.stringify({
      agents: settings.agents,
      latencyMs: settings.latencyMs,
      ...(measured ? {} : { baseline: 'sum' }),
      sequential: { wallMs: round(sequential.wallMs), sumLatencyMs: round(sequential.sumLatencyMs), fallbacks: sequential.fallbacks },
      parallel: { wallMs: round(parallel.wallMs), sumLatencyMs: round(parallel.sumLatencyMs), fallbacks: parallel.fallbacks, retries: parallel.retries },
      speedup: Math.round(speedup * 1000) / 1000,
      decisions: parallel.decisions,
      fallbacks: parallel.fallbacks,
    }),
  );
}

runMain('bench', async () => {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if (flags.help === true) {
    console.log(HELP);
    return;
  }
  // `npm run bench --json` (without `--`) gives npm the flag, which hands it on only as this variable.
  const json = flags.json === true || process.env.npm_config_json === 'true';
  const scenario: BenchScenario = oneOf('scenario', flags.scenario, SCENARIOS, 'grid');
  const baseline = oneOf('baseline', flags.baseline, BASELINES, 'run');
  if (scenario === 'grid') {
    await benchGrid(gridFrom(flags), baseline, json);
    return;
  }
  const log = (line: string): void => {
    if (!json) console.error(line);
  };
  if (scenario === 'pipeline') {
    if (baseline !== 'run') throw new UsageError('--baseline is not for --scenario pipeline: all three modes are run.');
    const bench = await benchPipeline(pipelineFrom(flags), log);
    console.log(json ? JSON.stringify(pipelineJson(bench)) : pipelineTable(bench));
    return;
  }
  if (scenario === 'relationships') {
    const bench = await benchRelationships(relationshipsFrom(flags, baseline), log);
    console.log(json ? JSON.stringify(relationshipsJson(bench)) : relationshipsTable(bench));
    return;
  }
  if (scenario === 'gamemaster') {
    const bench = await benchGamemaster(gamemasterFrom(flags, baseline), log);
    console.log(json ? JSON.stringify(gamemasterJson(bench)) : gamemasterTable(bench));
    return;
  }
  const bench = await benchCommunity(communityFrom(flags, baseline), log);
  console.log(json ? JSON.stringify(communityJson(bench)) : communityTable(bench));
});
