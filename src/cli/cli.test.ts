import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

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
    // Generous bounds: this is behaviour, not a benchmark (the machine is shared and noisy).
    expect(sequential.wallMs).toBeGreaterThanOrEqual(600);
    expect(parallel.wallMs).toBeGreaterThanOrEqual(100);
    expect(parallel.wallMs).toBeLessThan(sequential.wallMs);
    expect(speedup).toBeGreaterThan(2);
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
