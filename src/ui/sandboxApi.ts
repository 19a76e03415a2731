/**
 * `window.sandbox`: the page's automation surface (docs/ARCHITECTURE.md, "Contracts"). It runs
 * the same actions as the buttons and reads the same store, so a script sees what a user sees.
 */
import type { ConfigProblem } from '../protocol/config.ts';
import type { CommunitySceneWire } from '../protocol/scene.ts';
import type { GameMasterSceneWire, LastTurnWire } from '../protocol/gamemasterScene.ts';
import type { RelationshipsSceneWire } from '../protocol/relationshipsScene.ts';
import type { PipelineSceneWire } from '../protocol/pipelineScene.ts';
import { AGENT_STATES } from '../protocol/protocol.ts';
import { runAction, type ActionContext } from './actions.ts';
import type { ConfigureResult } from './client.ts';
import { renderCounts } from './renderCount.ts';
import { openSave, type OpenResult } from './saveLoad.ts';
import { patchProblem, refuseSettings } from './sendable.ts';
import { applySettings } from './settings.ts';
import { problemsNotice, setNotice, type SandboxState } from './store.ts';

export interface SnapshotAgent {
  readonly id: number;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly thought: string;
  readonly plan: string;
  /** What the agent last decided (its model's action), never rewritten by a wall turn. */
  readonly action: string;
  /**
   * The way it stepped on its last tick: N, E, S, W, or STAY when it did not move. Differs
   * from `action` after a wall turned it (or while another agent or a wall holds it up).
   */
  readonly heading: string;
  readonly source: string;
  /** A call for this agent is queued, in flight or waiting to retry. */
  readonly thinking: boolean;
  readonly decisions: number;
  readonly state: string;
}

export interface Snapshot {
  /** The scenario on show (`grid`, `community`). */
  readonly scenario: string;
  /** The scenario's public state (the contract's `scene`); null for the grid. */
  readonly scene: CommunitySceneWire | GameMasterSceneWire | RelationshipsSceneWire | PipelineSceneWire | null;
  readonly tick: number;
  readonly running: boolean;
  readonly agents: readonly SnapshotAgent[];
  readonly metrics: {
    readonly callsStarted: number;
    readonly callsSucceeded: number;
    readonly callsFailed: number;
    readonly fallbacks: number;
    readonly retries: number;
    readonly inFlight: number;
    readonly queued: number;
    readonly rpmLimit: number;
    readonly callsLastMinute: number;
    readonly lastBatch: { readonly size: number; readonly wallMs: number; readonly sumLatencyMs: number; readonly speedup: number } | null;
    readonly fps: number;
  };
}

export interface SandboxApi {
  configure(patch: Readonly<Record<string, unknown>>): Promise<ConfigureResult>;
  start(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  reset(seed?: number): Promise<void>;
  snapshot(): Snapshot;
  /** The run as a save file: a plain object (protocol/saveFile.ts), never with the key. */
  save(options?: { withCalls?: boolean }): Promise<Record<string, unknown>>;
  /** Replaces the run with a save (an object or its JSON text); a bad one changes nothing and says why. */
  load(save: unknown): Promise<OpenResult>;
  /** Extensions beyond the contract: select an agent, find it on screen, count panel renders. */
  select(agentId: number | null): Promise<void>;
  locate(agentId: number): { x: number; y: number } | null;
  renderCounts(): Record<string, number>;
  /** Asks persona `agentId` of a community a question; its answer changes nothing in the run. */
  interview(agentId: number, question: string): Promise<{ answer: string; source: string }>;
  /** Plays one game master turn; resolves to that turn's `lastTurn`. */
  act(text: string): Promise<LastTurnWire>;
  /** Runs failed relationship simulation `sim` again, alone; rejects with the reason when it cannot be. */
  retrySim(sim: number): Promise<void>;
  /** Loads a DAG into the pipeline: `{ ok: true }`, or `{ ok: false, error }` (a cycle names its nodes). */
  loadDag(spec: unknown): Promise<{ ok: true } | { ok: false; error: string }>;
}

const THINKING = new Set(['queued', 'thinking', 'retrying']);

/** Keys that name an object's machinery, not a setting: the copy to the worker would lose them. */
const MACHINERY = ['__proto__', 'constructor', 'prototype'];

/** The problems of a configure patch that only the page can see. */
export function patchEdges(apiKey: unknown, rest: Readonly<Record<string, unknown>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (apiKey !== undefined && typeof apiKey !== 'string') {
    problems.push({ key: 'apiKey', message: `apiKey must be a string (got ${apiKey === null ? 'null' : typeof apiKey}); no key was set.` });
  }
  for (const key of MACHINERY) if (Object.hasOwn(rest, key)) problems.push({ key, message: `${key} is not a setting; it was ignored.` });
  return problems;
}

/** Builds the API over a client and store. */
export function createSandboxApi(ctx: ActionContext): SandboxApi {
  return {
    // Scripts may pass anything: what is not an object of settings is refused with a message.
    configure: (patch: unknown) => {
      const wrong = patchProblem(patch);
      if (wrong !== null) return Promise.resolve(refuseSettings(ctx.store, wrong));
      const { apiKey, ...rest } = patch as Readonly<Record<string, unknown>>;
      const edges = patchEdges(apiKey, rest);
      const applied = applySettings(ctx, rest, typeof apiKey === 'string' ? { apiKey } : {});
      if (edges.length === 0) return applied;
      // Said here because the worker never sees them: a non-string key is not posted, and a
      // `__proto__` key does not survive the copy into the worker.
      return applied.then((result) => {
        const problems = [...edges, ...result.problems];
        setNotice(ctx.store, 'settings', problemsNotice(problems));
        return { ...result, problems };
      });
    },
    start: () => runAction(ctx, 'start'),
    pause: () => runAction(ctx, 'pause'),
    step: () => runAction(ctx, 'step'),
    reset: (seed) => (seed === undefined ? runAction(ctx, 'reset') : ctx.client.send({ type: 'reset', seed })),
    snapshot: () => snapshotOf(ctx),
    save: (options) => ctx.client.save(options?.withCalls === true),
    load: (save) => openSave(ctx, save),
    select: (agentId) => ctx.client.select(agentId),
    locate: (agentId) => ctx.stage.current?.locate(agentId) ?? null,
    renderCounts,
    act: (text) => ctx.client.act(text),
    retrySim: (sim) => ctx.client.retrySim(sim),
    loadDag: (spec) => ctx.client.loadDag(spec),
    interview: (agentId, question) => ctx.client.interview(agentId, question).then(({ answer, source }) => ({ answer, source })),
  };
}

/**
 * Which way agent `id` stepped between two packed position arrays ([x0, y0, x1, y1, …]); STAY
 * when it did not move or there is no earlier tick. Read from positions, which every tick
 * carries for every agent, so it is as current as `x` and `y`.
 */
export function steppedWay(prev: ArrayLike<number> | undefined, curr: ArrayLike<number> | undefined, id: number): string {
  if (!prev || !curr) return 'STAY';
  const dx = (curr[id * 2] ?? 0) - (prev[id * 2] ?? 0);
  const dy = (curr[id * 2 + 1] ?? 0) - (prev[id * 2 + 1] ?? 0);
  if (dx !== 0) return dx > 0 ? 'E' : 'W';
  if (dy !== 0) return dy > 0 ? 'S' : 'N';
  return 'STAY';
}

/** The scene of the scenario on show, from its own message. */
function sceneOf({ scenario, scene, gmScene, relScene, pipeScene }: { scenario: string | undefined } & Pick<SandboxState, 'scene' | 'gmScene' | 'relScene' | 'pipeScene'>): Snapshot['scene'] {
  if (scenario === 'community') return scene?.scene ?? null;
  if (scenario === 'gamemaster') return gmScene?.scene ?? null;
  if (scenario === 'relationships') return relScene?.scene ?? null;
  if (scenario === 'pipeline') return pipeScene?.scene ?? null;
  return null;
}

function snapshotOf({ store }: ActionContext): Snapshot {
  const { live, world, fps, scene, gmScene, relScene, pipeScene, config } = store.getState();
  const curr = live.frame?.curr;
  // The previous tick of the same world (the client keeps it across repeats of one tick).
  const prev = live.frame?.prev;
  const agents: SnapshotAgent[] = (world?.agents ?? []).map((info) => {
    const row = live.rows[info.id];
    const state = AGENT_STATES[curr?.states[info.id] ?? 0] ?? 'idle';
    return {
      id: info.id,
      name: info.name,
      x: curr?.positions[info.id * 2] ?? 0,
      y: curr?.positions[info.id * 2 + 1] ?? 0,
      thought: row?.thought ?? '',
      plan: row?.plan ?? '',
      action: row?.action ?? 'STAY',
      heading: steppedWay(prev?.positions, curr?.positions, info.id),
      source: row?.source ?? 'none',
      thinking: THINKING.has(state),
      decisions: row?.decisions ?? 0,
      state,
    };
  });
  const m = live.metrics;
  const batch = m?.lastBatch ?? null;
  return {
    scenario: world?.scenario ?? config.scenario,
    scene: sceneOf({ scenario: world?.scenario, scene, gmScene, relScene, pipeScene }),
    tick: curr?.tick ?? 0,
    running: curr?.running ?? false,
    agents,
    metrics: {
      callsStarted: m?.callsStarted ?? 0,
      callsSucceeded: m?.callsSucceeded ?? 0,
      callsFailed: m?.callsFailed ?? 0,
      fallbacks: m?.fallbacks ?? 0,
      retries: m?.retries ?? 0,
      inFlight: m?.inFlight ?? 0,
      queued: m?.queued ?? 0,
      rpmLimit: m?.rpmLimit ?? 0,
      callsLastMinute: m?.callsLastMinute ?? 0,
      lastBatch: batch && { size: batch.size, wallMs: batch.wallMs, sumLatencyMs: batch.sumLatencyMs, speedup: batch.speedup },
      fps,
    },
  };
}
