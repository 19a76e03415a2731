/**
 * Many relationship simulations at once on the session's one scheduler. Each simulation is its
 * own flow: the scheduler takes turns between them (`scheduler/fairness.ts`), so a long one
 * cannot starve a short one under a tight budget. A simulation that fails ends alone; the others
 * run on, and a failed one can be retried by itself.
 *
 * The set's figures: its wall time runs from the start to the last simulation's end; the sum is
 * of each simulation's own time (the sum of its steps' longest calls: what it would take alone),
 * so sum / wall is the speedup over running them one after another.
 */
import { ModelError } from '../../brain/errors.ts';
import type { ScenarioContext } from '../scenario.ts';
import { askerOf } from './asks.ts';
import { runSim, type SimEnv } from './simRun.ts';
import { sceneOf, type RelationshipsScene } from './sceneView.ts';
import { initialSim } from './simState.ts';
import type { RelationshipSettings, SimState } from './types.ts';

export const MAX_SIMS = 200;
export const MAX_SCENES = 10;
export const DEFAULT_SETTINGS: RelationshipSettings = { sims: 6, scenes: 3, seed: 1, uneven: false };

/** How many scenes simulation `id` plays. */
export function scenesOf(settings: RelationshipSettings, id: number): number {
  return settings.uneven ? (id % settings.scenes) + 1 : settings.scenes;
}

/** The first pass over the whole set, once every simulation in it has ended. */
export interface PassFigures {
  readonly wallMs: number;
  readonly sumMs: number;
  /**
   * The least that running them one after another could take under the same budget: its
   * calls cannot be sent faster than `rpm` a minute either (`budgetFloorMs`). 0 with no budget.
   */
  readonly floorMs: number;
  /** max(sum, floor) / wall: against one after another under the same budget. */
  readonly speedup: number;
  /** Each simulation's end, from the start of the pass (ms), by id. */
  readonly finishMs: readonly number[];
  /** (latest − earliest end) / mean end of those done: how evenly the budget was shared. */
  readonly spread: number;
  readonly done: number;
  readonly failed: number;
}

export interface RunOptions {
  /** The budget the calls run under (requests per rolling minute); the one-after-another side is held to it too. */
  readonly rpm?: number;
  /** An injected fault for simulation `sim`'s calls (the page's `failSim`); read at every attempt. */
  readonly fault?: (sim: number) => ModelError | undefined;
}

/** The batch the first pass's calls are measured as, and a retry's. */
export function setBatch(producer: string): string {
  return `${producer}:sims`;
}
export function retryBatch(producer: string, sim: number, retry: number): string {
  return `${producer}:retry-${sim}-${retry}`;
}

function checked(settings: Partial<RelationshipSettings>): RelationshipSettings {
  const merged = { ...DEFAULT_SETTINGS, ...settings };
  if (!Number.isInteger(merged.sims) || merged.sims < 1 || merged.sims > MAX_SIMS) throw new RangeError(`sims must be a whole number from 1 to ${MAX_SIMS} (got ${merged.sims}).`);
  if (!Number.isInteger(merged.scenes) || merged.scenes < 1 || merged.scenes > MAX_SCENES) throw new RangeError(`scenes must be a whole number from 1 to ${MAX_SCENES} (got ${merged.scenes}).`);
  return merged;
}

export class RelationshipsRun {
  readonly settings: RelationshipSettings;
  private sims: SimState[];
  private readonly listeners = new Set<() => void>();
  private cancelled = false;
  private startedAt: number | null = null;
  private pass: PassFigures | null = null;
  private readonly retrying = new Set<number>();

  constructor(settings: Partial<RelationshipSettings>, private readonly ctx: ScenarioContext, private readonly options: RunOptions = {}) {
    this.settings = checked(settings);
    const now = ctx.clock.now();
    this.sims = Array.from({ length: this.settings.sims }, (_, id) => initialSim(this.settings.seed, id, scenesOf(this.settings, id), now));
  }

  /** Every simulation as it stands, by id. */
  get state(): readonly SimState[] {
    return this.sims;
  }

  /** The first pass's figures, once it has ended. */
  get figures(): PassFigures | null {
    return this.pass;
  }

  /** When the first pass began (null before `start`). */
  get began(): number | null {
    return this.startedAt;
  }

  /** The scene the page reads now. */
  scene(): RelationshipsScene {
    return sceneOf(this.sims, this.pass, this.startedAt, this.ctx.clock.now(), this.retrying);
  }

  /** Whether the first pass has begun. */
  get started(): boolean {
    return this.startedAt !== null;
  }

  /** Calls `listener` after every change; returns how to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Runs every simulation at once (`together`), or each to its end before the next begins
   * (`one-by-one`: the baseline a race and the bench compare with); resolves when all have
   * ended (or the run was cancelled).
   */
  async start(order: 'together' | 'one-by-one' = 'together'): Promise<void> {
    if (this.startedAt !== null) throw new Error('This set of simulations has already started.');
    const startedAt = this.ctx.clock.now();
    this.startedAt = startedAt;
    this.sims = this.sims.map((sim) => ({ ...sim, startedAt }));
    const env = this.env(setBatch(this.ctx.producer));
    if (order === 'together') {
      await Promise.all(this.sims.map((sim) => runSim(env, sim)));
    } else {
      for (const sim of this.sims) {
        if (this.cancelled) break;
        await runSim(env, { ...sim, startedAt: this.ctx.clock.now() });
      }
    }
    if (this.cancelled) return;
    this.pass = passFigures(this.sims, startedAt, this.options.rpm ?? Infinity);
    this.changed();
  }

  /** Why simulation `id` cannot be retried now, in a sentence; null when it can. */
  retryProblem(id: number): string | null {
    const sim = this.sims[id];
    if (!sim) return `There is no simulation ${id}; this set has ${this.sims.length} (0 to ${this.sims.length - 1}).`;
    if (this.retrying.has(id)) return `Simulation ${id} is being retried already.`;
    if (sim.status !== 'failed') return `Simulation ${id} is ${sim.status}; only a failed simulation can be retried.`;
    return null;
  }

  /**
   * Runs failed simulation `id` again from its first scene, alone (the same pair and draws);
   * resolves with its end. Refused with a sentence when it is not failed or is running.
   */
  async retry(id: number): Promise<SimState> {
    const problem = this.retryProblem(id);
    const sim = this.sims[id];
    if (problem !== null || !sim) throw new Error(problem ?? `There is no simulation ${id}.`);
    this.retrying.add(id);
    try {
      const fresh = initialSim(this.settings.seed, id, sim.scenes, this.ctx.clock.now(), sim.retries + 1);
      this.put(fresh);
      return await runSim(this.env(retryBatch(this.ctx.producer, id, fresh.retries)), fresh);
    } finally {
      this.retrying.delete(id);
      this.changed();
    }
  }

  /** Stops at every simulation's next step; calls in flight are the host's to cancel. */
  cancel(): void {
    this.cancelled = true;
  }

  private env(batch: string): SimEnv {
    const { ctx, options } = this;
    return {
      seed: this.settings.seed,
      ask: (sim, speaker, ask) =>
        ctx.ask(ask, {
          key: `${ctx.producer}/agent-${askerOf(sim, speaker)}`,
          batch,
          flow: `sim-${sim}`,
          ...(options.fault ? { fault: () => options.fault?.(sim) } : {}),
        }),
      ready: () => ctx.ready?.() ?? Promise.resolve(),
      now: () => ctx.clock.now(),
      publish: (sim) => {
        this.put(sim);
      },
      cancelled: () => this.cancelled,
    };
  }

  private put(sim: SimState): void {
    if (this.cancelled) return;
    // A simulation's id is its index: replace it in a copy, without a search.
    const next = this.sims.slice();
    next[sim.id] = sim;
    this.sims = next;
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * The earliest the last of `calls` requests could be sent under `rpm` a minute, one after another
 * or not: the k-th (from 0) waits for ⌊k / rpm⌋ full minutes (the rolling window's rule).
 */
export function budgetFloorMs(calls: number, rpm: number): number {
  return Number.isFinite(rpm) && calls > 0 ? Math.floor((calls - 1) / rpm) * 60_000 : 0;
}

/** The set's figures from its simulations' ends and own times, under a budget of `rpm`. */
export function passFigures(sims: readonly SimState[], startedAt: number, rpm = Infinity): PassFigures {
  const finishMs = sims.map((sim) => (sim.endedAt ?? startedAt) - startedAt);
  const wallMs = Math.max(0, ...finishMs);
  const sumMs = sims.reduce((sum, sim) => sum + sim.ownMs, 0);
  // The spread is of those that finished: a failed one ends early because it failed, not because it was served first.
  const finished = finishMs.filter((_, id) => sims[id]?.status === 'done');
  const mean = finished.reduce((sum, ms) => sum + ms, 0) / Math.max(1, finished.length);
  const spread = mean > 0 ? (Math.max(...finished) - Math.min(...finished)) / mean : 0;
  const floorMs = budgetFloorMs(sims.reduce((sum, sim) => sum + sim.calls, 0), rpm);
  return {
    wallMs,
    sumMs,
    floorMs,
    speedup: wallMs > 0 ? Math.max(sumMs, floorMs) / wallMs : 1,
    finishMs,
    spread,
    done: sims.filter((sim) => sim.status === 'done').length,
    failed: sims.filter((sim) => sim.status === 'failed').length,
  };
}

/** The page's `failSim=k` as a run's fault: every call of simulation k fails (a server error, retried, then fallen back). */
export function failSimFault(failSim: () => number): (sim: number) => ModelError | undefined {
  return (sim) => (sim === failSim() ? new ModelError('server', `Injected fault: failSim=${sim} makes every call of simulation ${sim} fail`) : undefined);
}
