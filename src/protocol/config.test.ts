import { describe, expect, it } from 'vitest';
import { checkPatch, configFromQuery, DEFAULT_CONFIG, defaultsFor, linkSettings, queryFromConfig, switchScenario } from './config.ts';

describe('sandbox settings', () => {
  it('reads the classic demo link', () => {
    const { patch, problems } = configFromQuery('?agents=10&latency=500&align=1&strategy=sequential');
    expect(problems).toEqual([]);
    expect(patch).toEqual({ agents: 10, latency: 500, align: true, strategy: 'sequential' });
  });

  it('names each bad value, keeps the good ones, and leaves foreign keys alone', () => {
    const { patch, problems } = configFromQuery('?agents=abc&rpm=0&speed=9&failureRate=0.3&brain=claude&utm_source=x&seed=');
    expect(patch).toEqual({ failureRate: 0.3 });
    expect(problems.map((p) => p.key)).toEqual(['agents', 'rpm', 'speed', 'brain', 'seed']);
    expect(problems[0]?.message).toBe("agents must be a whole number from 1 to 10000 (got 'abc'); using 10.");
    expect(problems[1]?.message).toMatch(/^rpm must be a whole number from 1 to 1000000 \(got '0'\); using 600\.$/);
  });

  it('refuses an API key in a link without echoing it', () => {
    const { patch, problems } = configFromQuery('?apiKey=AIzaSecret&agents=3');
    expect(patch).toEqual({ agents: 3 });
    expect(problems).toHaveLength(1);
    expect(JSON.stringify(problems)).not.toContain('AIzaSecret');
  });

  it('checks configure() values of any type, and unknown keys', () => {
    const { patch, problems } = checkPatch({ agents: 2.5, align: false, model: 'gemini-2.0-flash', baseUrl: 'ftp://x', nope: 1 });
    expect(patch).toEqual({ align: false, model: 'gemini-2.0-flash' });
    expect(problems.map((p) => p.key)).toEqual(['agents', 'baseUrl', 'nope']);
  });

  it('round-trips through a query that lists only what differs from the defaults', () => {
    const config = { ...DEFAULT_CONFIG, agents: 100, align: false, failureRate: 0.25 };
    const query = queryFromConfig(config);
    expect(query).toBe('?agents=100&align=0&failureRate=0.25');
    expect({ ...DEFAULT_CONFIG, ...configFromQuery(query).patch }).toEqual(config);
    expect(queryFromConfig(DEFAULT_CONFIG)).toBe('');
  });
});

describe('linkSettings', () => {
  it('passes a refused base URL on as written, for the worker to refuse and stop live calls', () => {
    expect(linkSettings('?agents=3&baseUrl=127.0.0.1:8787')).toEqual({ patch: { agents: 3, baseUrl: '127.0.0.1:8787' }, problems: [] });
    expect(linkSettings('?baseUrl=http%3A%2F%2F127.0.0.1%3A8787').patch).toEqual({ baseUrl: 'http://127.0.0.1:8787' });
  });
});

describe('input edges', () => {
  it('reads numbers in decimal only: 0x10 is not 16', () => {
    expect(checkPatch({ agents: '0x10' }).problems.map((p) => p.key)).toEqual(['agents']);
    expect(checkPatch({ agents: '1e2', speed: '.5', failureRate: '0.25' }).patch).toEqual({ agents: 100, speed: 0.5, failureRate: 0.25 });
  });

  it('refuses a base URL too long for an address bar, with a sentence', () => {
    const { patch, problems } = checkPatch({ baseUrl: `http://x.test/${'a'.repeat(3_000_000)}` });
    expect(patch).toEqual({});
    expect(problems[0]?.message).toMatch(/^baseUrl must be at most 2000 characters \(got 'http:\/\/x\.test\/a+…'\)/);
  });
});

describe('problem sentences stay sentences', () => {
  it('names a huge value by its start', () => {
    const { problems } = checkPatch({ agents: new Array(100_000).fill(1) });
    expect(problems[0]?.message.length).toBeLessThan(200);
  });
});

describe('flags', () => {
  it('take 0 and 1 as numbers in configure(), as a link takes them as text', () => {
    expect(checkPatch({ align: 1 }).patch).toEqual({ align: true });
    expect(checkPatch({ align: 0 }).patch).toEqual({ align: false });
    expect(checkPatch({ align: 2 }).problems.map((p) => p.key)).toEqual(['align']);
  });
});

describe('scenarios', () => {
  it('takes a scenario by name and refuses a wrong one with the grid', () => {
    expect(configFromQuery('?scenario=community').patch).toEqual({ scenario: 'community' });
    const { patch, problems } = configFromQuery('?scenario=nonsense');
    expect(patch).toEqual({});
    expect(problems[0]?.message).toBe("scenario must be one of grid, community, gamemaster, relationships, pipeline (got 'nonsense'); using grid.");
  });

  it('switches defaults with the scenario, keeping what the user set', () => {
    const community = switchScenario({ ...DEFAULT_CONFIG, rpm: 60 }, 'community');
    expect(community).toMatchObject({ scenario: 'community', agents: 24, concurrency: 20, rpm: 60 });
    expect(switchScenario(community, 'grid')).toMatchObject({ scenario: 'grid', agents: 10, concurrency: 64, rpm: 60 });
    expect(switchScenario({ ...DEFAULT_CONFIG, agents: 50 }, 'community').agents).toBe(50);
  });

  it("writes a link against the scenario's own defaults, scenario first", () => {
    expect(queryFromConfig(defaultsFor('community'))).toBe('?scenario=community');
    expect(queryFromConfig({ ...defaultsFor('community'), agents: 100 })).toBe('?scenario=community&agents=100');
    expect(queryFromConfig(DEFAULT_CONFIG)).toBe('');
  });
});
