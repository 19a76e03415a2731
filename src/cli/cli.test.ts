import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manualClock.ts';
import { benchCommunity, communityJson, type CommunityBenchSettings } from './benchCommunity.ts';
import { benchGamemaster, checks, gamemasterJson, type GamemasterBenchSettings } from './benchGamemaster.ts';

const tsx = 'node_modules/.bin/tsx';

function run(script: 'bench' | 'sim', args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(tsx, [`src/cli/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GEMINI_API_KEY: '', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI input errors: one clear line and a non-zero exit', () => {
  it.each([
    ['bench', ['--agentz', '10'], /Unknown option '--agentz'/],
    ['bench', ['--agents', '-3'], /--agents must be a whole number from 1 to 10000 \(got '-3'\)/],
    ['bench', ['--latency', 'abc'], /--latency must be a number of at least 0 \(got 'abc'\)/],
    ['bench', ['--rpm', '0'], /--rpm must be a positive whole number \(got '0'\)/],
    ['bench', ['--failure-rate', '1.5'], /--failure-rate must be a number from 0 to 1/],
    ['bench', ['--scenario', 'chess'], /--scenario must be grid or community or gamemaster or relationships or pipeline \(got 'chess'\)/],
    ['bench', ['--baseline', 'median'], /--baseline must be run or sum \(got 'median'\)/],
    ['bench', ['--epochs', '3'], /--epochs is only for --scenario community/],
    ['bench', ['--sims', '3'], /--sims is only for --scenario relationships/],
    ['bench', ['--dag', 'diamond'], /--dag is only for --scenario pipeline/],
    ['bench', ['--scenario', 'pipeline', '--dag', 'star'], /--dag must be diamond or wide or chain or uneven \(got 'star'\)/],
    ['bench', ['--scenario', 'relationships', '--sims', '201'], /--sims must be a whole number from 1 to 200 \(got '201'\)/],
    ['bench', ['--scenario', 'relationships', '--agents', '5'], /--agents is not for --scenario relationships: use --sims/],
    ['bench', ['--scenario', 'community', '--agents', '2000'], /--agents must be a whole number from 1 to 1000 \(got '2000'\)/],
    ['bench', ['--scenario', 'community', '--topics', '9'], /--topics must be a whole number from 1 to 8/],
    ['bench', ['--scenario', 'community', '--epochs', '0'], /--epochs must be a whole number from 1 to 100/],
    ['bench', ['--turns', '5'], /--turns is only for --scenario gamemaster/],
    ['bench', ['--scenario', 'community', '--npcs', '5'], /--npcs is only for --scenario gamemaster/],
    ['bench', ['--scenario', 'gamemaster', '--npcs', '51'], /--npcs must be a whole number from 1 to 50 \(got '51'\)/],
    ['bench', ['--scenario', 'gamemaster', '--cache', '2'], /--cache must be a whole number from 0 to 1 \(got '2'\)/],
    ['bench', ['--scenario', 'gamemaster', '--deadline', '0'], /--deadline must be a positive number/],
    ['bench', ['--scenario', 'gamemaster', '--agents', '5'], /--agents is not for --scenario gamemaster: use --npcs/],
    ['bench', ['--scenario', 'gamemaster', '--epochs', '2'], /--epochs is only for --scenario community/],
    ['sim', ['--brain', 'gemini'], /--brain gemini needs an API key/],
    ['sim', ['--brain', 'claude'], /--brain must be mock or gemini/],
    ['sim', ['--ticks', '1e'], /--ticks must be/],
  ] as const)('%s %j', (script, args, message) => {
    const { code, stdout, stderr } = run(script, [...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

describe('bench --json', () => {
  it('prints the contract object, with parallel faster than sequential', () => {
    const { code, stdout } = run('bench', ['--agents', '6', '--latency', '100', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ agents: 6, latencyMs: 100, decisions: 6, fallbacks: 0 });
    const { sequential, parallel, speedup } = result as { sequential: { wallMs: number }; parallel: { wallMs: number }; speedup: number };
    // Generous bounds: this is behaviour, not a benchmark (the machine is shared and noisy), and
    // Node's timers may fire a millisecond early against performance.now.
    expect(sequential.wallMs).toBeGreaterThanOrEqual(600 - 6);
    expect(parallel.wallMs).toBeGreaterThanOrEqual(100 - 1);
    expect(parallel.wallMs).toBeLessThan(sequential.wallMs);
    expect(speedup).toBeGreaterThan(2);
  });

  it('prints JSON for `npm run bench --json` too, where npm keeps the flag and sets npm_config_json', () => {
    const { code, stdout } = run('bench', ['--agents', '3', '--latency', '20', '--baseline', 'sum'], { npm_config_json: 'true' });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ agents: 3, latencyMs: 20 });
  });
});

describe('bench --baseline sum (grid)', () => {
  it('does not run the sequential side: it is the sum of the parallel calls\' own time', () => {
    const { code, stdout } = run('bench', ['--agents', '8', '--latency', '100', '--baseline', 'sum', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { baseline: string; sequential: { wallMs: number; sumLatencyMs: number }; parallel: { wallMs: number; sumLatencyMs: number }; speedup: number };
    expect(result.baseline).toBe('sum');
    expect(result.sequential.wallMs).toBe(result.parallel.sumLatencyMs);
    expect(result.sequential.sumLatencyMs).toBe(result.parallel.sumLatencyMs);
    expect(result.sequential.wallMs).toBeGreaterThanOrEqual(800 - 8);
    expect(result.speedup).toBeGreaterThan(3);
  });

  it('keeps the default JSON exactly the contract\'s keys', () => {
    const { stdout } = run('bench', ['--agents', '2', '--latency', '20', '--json']);
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(['agents', 'latencyMs', 'sequential', 'parallel', 'speedup', 'decisions', 'fallbacks']);
  });
});

type CommunityJson = {
  scenario: string;
  concurrency: number;
  baseline: string;
  sequential: { wallMs: number; sumLatencyMs: number };
  parallel: { wallMs: number; sumLatencyMs: number; calls: number; fallbacks: number };
  speedup: number;
  phases: { name: string; epoch: number; calls: number; wallMs: number; sumLatencyMs: number; speedup: number; fallbacks: number; ceilingMs: number }[];
  rollingMinuteMax: number;
  votes: Record<string, number>;
};

describe('bench --scenario community', () => {
  it('runs every phase, measures the sequential side one call at a time, and the semaphore defaults to 20', () => {
    const { code, stdout } = run('bench', ['--scenario', 'community', '--agents', '24', '--latency', '20', '--epochs', '1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as CommunityJson;
    expect(result).toMatchObject({ scenario: 'community', concurrency: 20, baseline: 'run' });
    expect(result.phases.map((p) => p.name)).toEqual(['debate', 'beliefs-debate', 'chat', 'beliefs-chat', 'posts', 'reactions', 'beliefs-social', 'vote']);
    const vote = result.phases.at(-1);
    // 24 calls under a semaphore of 20: two rounds of 20 ms at best.
    expect(vote).toMatchObject({ calls: 24, ceilingMs: 40, fallbacks: 0 });
    // Node's timers may fire up to a millisecond early against performance.now (libuv caches the
    // loop's time), so a wall of exact latencies can read a hair under them.
    expect(vote?.wallMs).toBeGreaterThanOrEqual(40 - 1);
    expect(result.parallel.calls).toBe(result.phases.reduce((sum, p) => sum + p.calls, 0));
    expect(result.sequential.wallMs).toBeGreaterThanOrEqual(result.parallel.calls * (20 - 1));
    expect(result.speedup).toBeGreaterThan(3);
    expect(result.rollingMinuteMax).toBe(result.parallel.calls);
    expect(Object.values(result.votes).reduce((a, b) => a + b, 0)).toBe(24 * 3);
  });

  it('with --baseline sum takes the sequential wall as the sum of the calls\' own time, without running it', () => {
    const { code, stdout } = run('bench', ['--scenario', 'community', '--agents', '10', '--latency', '50', '--epochs', '1', '--concurrency', '5', '--baseline', 'sum', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as CommunityJson;
    expect(result).toMatchObject({ baseline: 'sum', concurrency: 5 });
    expect(result.sequential.wallMs).toBe(result.parallel.sumLatencyMs);
    expect(result.phases.find((p) => p.name === 'posts')).toMatchObject({ calls: 10, ceilingMs: 100 });
  });

  it('prints a table with every phase and its ceiling', () => {
    const { code, stdout } = run('bench', ['--scenario', 'community', '--agents', '6', '--latency', '10', '--epochs', '2', '--baseline', 'sum']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/phase\s+epoch\s+calls\s+wall ms\s+sum ms\s+speedup\s+fallbacks\s+ceiling ms/);
    expect(stdout.match(/^beliefs-social\s+\d/gm)).toHaveLength(2);
    expect(stdout).toMatch(/^vote\s+2\s+6\s/m);
    expect(stdout).toMatch(/Busiest rolling minute: \d+ requests/);
  });
});

describe('benchCommunity on fake time', () => {
  const settings: CommunityBenchSettings = {
    agents: 100, topics: 3, epochs: 1, latencyMs: 2000, jitterMs: 0, concurrency: 20, rpm: Infinity, failureRate: 0, seed: 1, timeoutMs: 10_000, baseline: 'sum',
  };

  async function onFakeTime(patch: Partial<CommunityBenchSettings>): Promise<CommunityJson> {
    const clock = new ManualClock();
    const pending = benchCommunity({ ...settings, ...patch }, undefined, clock);
    const progress = { done: false };
    void pending.then(() => (progress.done = true));
    for (let i = 0; i < 100 && !progress.done; i++) await clock.runAll();
    return communityJson(await pending) as unknown as CommunityJson;
  }

  it('takes ⌈100 / C⌉ latencies for every phase all 100 personas ask in', async () => {
    for (const [concurrency, wallMs] of [[100, 2000], [20, 10_000]] as const) {
      const result = await onFakeTime({ concurrency });
      const everyone = result.phases.filter((p) => p.calls === 100);
      expect(everyone.map((p) => p.name)).toEqual(['beliefs-debate', 'chat', 'beliefs-chat', 'posts', 'reactions', 'beliefs-social', 'vote']);
      for (const phase of everyone) expect(phase).toMatchObject({ wallMs, ceilingMs: wallMs, sumLatencyMs: 200_000, speedup: 200_000 / wallMs });
    }
  });

  it('keeps every rolling minute within --rpm', async () => {
    const result = await onFakeTime({ agents: 12, latencyMs: 500, rpm: 20, baseline: 'run' });
    expect(result.rollingMinuteMax).toBe(20);
    expect(result.parallel.calls).toBeGreaterThan(60);
    // Minutes of fake time: the budget, not the latency, sets the pace.
    expect(result.parallel.wallMs).toBeGreaterThan(3 * 60_000);
  });
});

type GamemasterJson = {
  scenario: string;
  turns: number;
  cache: number;
  baseline: string;
  sequential: { wallMs: number; p50: number; p95: number; turns: number; summed: { p50: number; p95: number } };
  parallel: { wallMs: number; sessionMs: number; calls: number };
  speedup: number;
  response: { p50: number; p95: number; firstWords: { p50: number; p95: number } };
  cacheHitRate: number;
  fallbackShare: number;
  background: { done: number; pending: number; prefetch: number };
};

describe('bench --scenario gamemaster', () => {
  it('plays a short session and prints the contract object', () => {
    const { code, stdout } = run('bench', ['--scenario', 'gamemaster', '--turns', '8', '--latency', '40', '--jitter', '30', '--deadline', '50', '--read', '20', '--sample', '2', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as GamemasterJson;
    expect(Object.keys(result).slice(0, 1)).toEqual(['scenario']);
    expect(result).toMatchObject({ scenario: 'gamemaster', turns: 8, cache: 1, baseline: 'run', sequential: { turns: 2 } });
    expect(result.sequential.wallMs).toBeGreaterThan(0);
    expect(result.parallel.wallMs).toBeGreaterThanOrEqual(0);
    expect(result.speedup).toBeGreaterThan(1);
    // Generous bounds: real time on a shared machine; the deadline holds each reply near 50 ms.
    expect(result.response.p95).toBeLessThan(50 + 150);
    expect(result.response.firstWords.p95).toBeLessThanOrEqual(result.response.p95);
    expect(result.background.done).toBeGreaterThan(0);
    expect(result.background.pending).toBe(0);
  });
});

describe('benchGamemaster on fake time', () => {
  const settings: GamemasterBenchSettings = {
    turns: 200, npcs: 6, latencyMs: 450, jitterMs: 350, deadlineMs: 450, cache: true, prefetch: 4, readMs: 300, sample: 20,
    rpm: Infinity, concurrency: Infinity, failureRate: 0, timeoutMs: 10_000, seed: 1, baseline: 'run',
  };

  async function onFakeTime(patch: Partial<GamemasterBenchSettings>) {
    const clock = new ManualClock();
    const pending = benchGamemaster({ ...settings, ...patch }, undefined, clock);
    const progress = { done: false };
    void pending.then(() => (progress.done = true));
    for (let i = 0; i < 100 && !progress.done; i++) await clock.runAll();
    const bench = await pending;
    return { bench, json: gamemasterJson(bench) as unknown as GamemasterJson };
  }

  it('meets the acceptance figures on the scripted session, and says what the cache was worth', async () => {
    const { bench, json } = await onFakeTime({});
    expect(checks(bench).filter((c) => !c.ok)).toEqual([]);
    // On fake time the deadline is exact.
    expect(json.response.p95).toBeLessThanOrEqual(450);
    expect(json.sequential.turns).toBe(20);
    const off = await onFakeTime({ cache: false, sample: 0, baseline: 'sum' });
    expect(off.json.cacheHitRate).toBe(0);
    expect(off.json.background.prefetch).toBe(0);
    expect(off.json.fallbackShare).toBeGreaterThan(json.fallbackShare + 0.2);
    expect(off.json.response.p50).toBeGreaterThan(json.response.p50);
    // The summed baseline covers every turn.
    expect(off.json.sequential.turns).toBe(200);
    expect(off.json.sequential.p50).toBeGreaterThan(2000);
  });
});

describe('sim', () => {
  it('runs a short headless world and prints every agent', () => {
    const { code, stdout } = run('sim', ['--agents', '4', '--ticks', '25', '--tick-ms', '20', '--think-interval', '100', '--latency', '30', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { ticks: number; agents: { thought: string }[]; metrics: { callsStarted: number } };
    expect(result.ticks).toBe(25);
    expect(result.agents).toHaveLength(4);
    expect(result.metrics.callsStarted).toBeGreaterThan(0);
    expect(result.agents.some((a) => a.thought.length > 0)).toBe(true);
  });
});

describe('bench --scenario pipeline', () => {
  it('runs the three modes: levels within the critical path of the diamond, one at a time the sum', () => {
    const { code, stdout } = run('bench', ['--scenario', 'pipeline', '--dag', 'diamond', '--latency', '40', '--tools', '0', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { scenario: string; sequential: { wallMs: number }; parallel: { wallMs: number }; ready: { wallMs: number }; criticalPathMs: number; speedup: number; tools: unknown };
    expect(result).toMatchObject({ scenario: 'pipeline', tools: null });
    // Five steps of 40 ms one at a time, three levels together (generous bounds: a noisy machine).
    expect(result.sequential.wallMs).toBeGreaterThanOrEqual(5 * 39);
    expect(result.parallel.wallMs).toBeGreaterThanOrEqual(3 * 39);
    expect(result.parallel.wallMs).toBeLessThan(result.sequential.wallMs);
    expect(result.criticalPathMs).toBeGreaterThanOrEqual(3 * 39);
    expect(result.speedup).toBeGreaterThan(1.2);
  });
});
