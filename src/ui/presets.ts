/**
 * The classroom's prepared demos. Each is a set of settings and so a shareable link: the link
 * lists every setting it changes, and opening it (or clicking it) starts that demo.
 */
import { defaultsFor, type ConfigPatch, type SandboxConfig } from '../protocol/config.ts';

export interface Preset {
  readonly id: string;
  readonly label: string;
  /** What students should notice. */
  readonly lesson: string;
  readonly patch: ConfigPatch;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'classic',
    label: '10 agents, 500 ms',
    lesson: 'Ten calls of 500 ms: together about 500 ms, one at a time about 5 s. Press Race.',
    patch: { agents: 10, latency: 500, jitter: 50, align: true, thinkInterval: 3_000 },
  },
  {
    id: 'throttled',
    label: '100 agents under 60 RPM',
    lesson: 'A budget of 60 requests a minute throttles a crowd: watch the queue grow and the gauge fill.',
    patch: { agents: 100, rpm: 60, latency: 500, jitter: 50, align: true, thinkInterval: 3_000 },
  },
  {
    id: 'failures',
    label: '30% failures',
    lesson: 'Three calls in ten fail: each retries or falls back alone; everyone else is untouched.',
    patch: { agents: 20, failureRate: 0.3, latency: 500, jitter: 50, align: true, thinkInterval: 4_000 },
  },
  {
    id: 'slow-tail',
    label: 'Slow tail (timeouts)',
    lesson: 'Latencies from 0 to 1.2 s against a 1 s timeout: the slow ones are cut off and fall back; the batch never waits for them.',
    patch: { agents: 20, latency: 600, jitter: 600, timeout: 1_000, align: true, thinkInterval: 4_000 },
  },
  {
    id: 'thousand',
    label: '1,000 agents',
    lesson: 'A thousand calls in flight at once still take about one latency.',
    patch: { agents: 1_000, rpm: 100_000, concurrency: 1_000, latency: 500, jitter: 50, align: true, thinkInterval: 3_000 },
  },
  {
    id: 'community',
    label: 'A community votes',
    lesson: '24 personas debate, chat, post and vote over two epochs. Colours are beliefs: watch camps form, then press Race during a phase.',
    patch: { scenario: 'community', agents: 24, epochs: 2, latency: 500, concurrency: 20 },
  },
  {
    id: 'semaphore',
    label: 'Community: the semaphore',
    lesson: '100 personas at 2 s under a semaphore of 20: each phase takes ⌈100/20⌉ × 2 s = 10 s, not 200 s. Set the concurrency cap to 100 and a phase takes 2 s.',
    patch: { scenario: 'community', agents: 100, epochs: 1, latency: 2_000, concurrency: 20 },
  },
  {
    id: 'gamemaster',
    label: 'A game master under 500 ms',
    lesson: 'Type an action: its assessments go out together, the reply comes at the 450 ms deadline with fallbacks for what is late, and repeats come from the cache. Tick "One at a time" to feel the difference.',
    patch: { scenario: 'gamemaster', latency: 450, jitter: 350, deadline: 450 },
  },
  {
    id: 'relationships',
    label: 'Twelve relationships at once',
    lesson: 'Twelve pairs play three scenes each, all at once on one budget: the set takes about as long as one simulation, not twelve. Compare wall and one after another, and click a card to read its transcript.',
    patch: { scenario: 'relationships', sims: 12, scenes: 3, latency: 500 },
  },
  {
    id: 'failsim',
    label: 'One simulation fails alone',
    lesson: 'Every call of simulation 4 fails: its card turns red with the reason while the other eleven finish untouched. Set the failing simulation to -1, then press Retry on card 4.',
    patch: { scenario: 'relationships', sims: 12, failSim: 4 },
  },
  {
    id: 'pipeline-uneven',
    label: 'Uneven DAG: as soon as ready wins',
    lesson: 'A slow summary beside a line of fast steps: level by level, each level waits for its slowest step; as soon as ready, the fast line runs alongside the slow step and the run takes just its critical path. Press Race to see the three modes on one axis.',
    patch: { scenario: 'pipeline', dag: 'uneven', mode: 'ready' },
  },
  {
    id: 'pipeline-fail',
    label: 'Pipeline: one step fails',
    lesson: 'Every attempt of patterns fails: report, which needs it, is skipped, while stats and analysis finish untouched. Click patterns to read its error.',
    patch: { scenario: 'pipeline', dag: 'diamond', failNode: 'patterns' },
  },
];

/** Settings a preset does not touch and that belong to the user: their Gemini setup. */
const KEPT: readonly (keyof SandboxConfig)[] = ['model', 'baseUrl', 'temperature', 'maxTokens', 'dailyLimit'];

/**
 * The full settings a link stands for: the defaults, the user's own live setup, then the keys the
 * link names. A link lists only what differs, so every key it leaves out is back at its default.
 */
export function linkConfig(patch: ConfigPatch, current: SandboxConfig): SandboxConfig {
  const kept = Object.fromEntries(KEPT.map((key) => [key, current[key]]));
  // A community link's unnamed keys go back to the community's defaults (its semaphore of 20).
  return { ...defaultsFor(patch.scenario ?? 'grid'), ...kept, ...patch };
}

/** The full settings of a preset: the defaults, the user's own live setup, then the preset. */
export function presetConfig(preset: Preset, current: SandboxConfig): SandboxConfig {
  return linkConfig({ brain: 'mock', ...preset.patch }, current);
}

/**
 * The link that opens the preset: every key the preset sets, even those equal to today's
 * defaults, so the link keeps meaning the same demo if a default changes.
 */
export function presetLink(preset: Preset): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(preset.patch)) {
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return `?${params.toString()}`;
}
