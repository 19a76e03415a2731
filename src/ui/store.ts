/**
 * One zustand store in slices. `live` changes on every tick and is read imperatively (the
 * renderer, `window.sandbox.snapshot()`); no component selects it. The panel slices are copies
 * published at most a few times a second (see `client.ts`), so React never renders per frame.
 */
import { createStore } from 'zustand/vanilla';
import type { FramePair } from '../render/source.ts';
import type { BatchLane, CallBar } from './timeline/callLog.ts';
import { DEFAULT_CONFIG, type ConfigProblem, type SandboxConfig } from '../protocol/config.ts';
import type { AgentDetail, AgentUpdate, GmSceneMessage, InterviewMessage, PipeSceneMessage, RelSceneMessage, Metrics, SceneMessage, WorldMessage } from '../protocol/protocol.ts';

/** What the page knows of an agent between inspector refreshes: its newest decision. */
export type AgentRow = Omit<AgentUpdate, 'id'>;

export const EMPTY_ROW: AgentRow = {
  thought: '', plan: '', action: 'STAY', say: '', source: 'none', decisions: 0, latencyMs: null, attempts: 0, error: null,
};

export interface Notice {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

/** Per-tick state: written on every message, read imperatively only. */
export interface LiveSlice {
  readonly live: {
    readonly frame: FramePair | null;
    readonly rows: readonly AgentRow[];
    readonly detail: AgentDetail | null;
    readonly metrics: Metrics | null;
  };
}

/** The world as panels see it; `rows` is refreshed at panel rate. */
export interface WorldSlice {
  readonly world: WorldMessage | null;
  readonly rows: readonly AgentRow[];
}

export interface StatusSlice {
  readonly tick: number;
  readonly running: boolean;
  readonly metrics: Metrics | null;
  readonly fps: number;
}

export interface SelectionSlice {
  readonly selectedId: number | null;
  readonly detail: AgentDetail | null;
}

export interface ConfigSlice {
  readonly config: SandboxConfig;
  /** The worker holds a key; the page itself keeps none in its state. */
  readonly hasKey: boolean;
  /** The key is also remembered in this browser's storage (the user opted in). */
  readonly keyRemembered: boolean;
  /** The endpoints (origins) the key may be sent to. */
  readonly keyOrigins: readonly string[];
  /** Live calls would go to an endpoint the key was not given for: the page asks first. */
  readonly keyBlocked: { readonly origin: string; readonly host: string } | null;
  /** Tabs of this origin share each key's budget (false: this browser has no SharedWorker). */
  readonly budgetShared: boolean;
}

export interface NoticeSlice {
  /** Keyed by code, so a notice replaces or clears its own earlier text. */
  readonly notices: Readonly<Record<string, Notice>>;
  /** Notices the user closed, by code: the gist of the text they closed (see noticeVisibility.ts). */
  readonly dismissedNotices: Readonly<Record<string, string>>;
  /** The simulation died too often and is not restarted by itself: the sentence that says so. */
  readonly workerStopped: string | null;
  /** Counts presses of Restart (RestartBanner); the worker supervisor restarts on each. */
  readonly restartCalls: number;
}

/** One sample of the scheduler's load, taken every tick (worker clock, ms). */
export interface MetricSample {
  readonly t: number;
  readonly callsLastMinute: number;
  readonly rpmLimit: number;
  readonly queued: number;
  readonly inFlight: number;
}

export interface RaceLaneView {
  readonly bars: readonly CallBar[];
  /** Null until the lane's last call has answered. */
  readonly wallMs: number | null;
}

/** The classroom race: the same batch one at a time and all together (for a pipeline, also as soon as ready). */
export interface RaceView {
  readonly raceId: number;
  readonly status: 'running' | 'done' | 'cancelled';
  readonly size: number;
  readonly startedAt: number;
  /** The worker's clock at the newest race message. */
  readonly now: number;
  readonly sequential: RaceLaneView;
  readonly parallel: RaceLaneView;
  /** The third lane, when the race has one: a pipeline's nodes each as soon as its inputs are ready. */
  readonly ready?: RaceLaneView;
}

/** The classroom views under the grid; one shows at a time. */
export type ClassroomTab = 'timeline' | 'race' | 'charts';

/** What the classroom views draw; published at panel rate like the other panel slices. */
export interface ClassroomSlice {
  /** The classroom view on show: state, so the race key can bring the race into view. */
  readonly classroomTab: ClassroomTab;
  /** Counts requests from elsewhere (the race key) to bring the classroom views on screen. */
  readonly classroomCalls: number;
  /** `unsent`: calls each batch under way has still to send, by batch id (absent: none). */
  readonly timeline: { readonly batches: readonly BatchLane[]; readonly now: number; readonly unsent: Readonly<Record<string, number>> };
  readonly race: RaceView | null;
  /** The last ten minutes of load samples, oldest first. */
  readonly history: readonly MetricSample[];
  /** Latencies (ms) of the newest 1,000 calls that were made. */
  readonly latencies: readonly number[];
  /** Large type, metrics and timeline only. */
  readonly presenter: boolean;
}

/** A scenario's own state (the community's), as its newest scene message has it. */
export interface ScenarioSlice {
  /** The newest scene of the current world; null for the grid, or before the first arrives. */
  readonly scene: SceneMessage | null;
  /** The topic whose beliefs colour the personas. */
  readonly colorTopic: number;
  /** Interviews asked in this world, newest first. */
  readonly interviews: readonly InterviewMessage[];
  /** The game master's newest scene, when it is on show. */
  readonly gmScene: GmSceneMessage | null;
  /** The relationship simulations' newest scene, when they are on show. */
  readonly relScene: RelSceneMessage | null;
  /** The simulation whose transcript is open. */
  readonly openSim: number | null;
  /** The pipeline's newest scene, when it is on show. */
  readonly pipeScene: PipeSceneMessage | null;
}

export type SandboxState = LiveSlice & WorldSlice & StatusSlice & SelectionSlice & ConfigSlice & NoticeSlice & ClassroomSlice & ScenarioSlice;

/** A fresh store; the page makes one, tests make their own. */
export function createSandboxStore() {
  return createStore<SandboxState>()(() => ({
    live: { frame: null, rows: [], detail: null, metrics: null },
    world: null,
    rows: [],
    tick: 0,
    running: false,
    metrics: null,
    fps: 0,
    selectedId: null,
    detail: null,
    config: DEFAULT_CONFIG,
    hasKey: false,
    keyRemembered: false,
    keyOrigins: [],
    keyBlocked: null,
    budgetShared: true,
    notices: {},
    dismissedNotices: {},
    workerStopped: null,
    restartCalls: 0,
    classroomTab: 'timeline',
    classroomCalls: 0,
    timeline: { batches: [], now: 0, unsent: {} },
    race: null,
    history: [],
    latencies: [],
    presenter: false,
    scene: null,
    colorTopic: 0,
    interviews: [],
    gmScene: null,
    relScene: null,
    openSim: null,
    pipeScene: null,
  }));
}

export type SandboxStore = ReturnType<typeof createSandboxStore>;

/**
 * Notices kept at once. The app raises about 20 codes in all, few at a time, but codes arrive
 * from the worker as any string, so the banner list has a bound of its own.
 */
export const NOTICE_CAP = 20;

/** Which notice to drop for a new one when at the cap: the oldest of the lowest level. */
const DROP_ORDER: readonly Notice['level'][] = ['info', 'warning', 'error'];

/** Sets or clears (message null) the notice with this code; past `NOTICE_CAP` codes, the oldest info goes first. */
export function setNotice(store: SandboxStore, code: string, notice: Notice | null): void {
  const current = store.getState().notices;
  const without = <T>(record: Readonly<Record<string, T>>, gone: string) => Object.fromEntries(Object.entries(record).filter(([key]) => key !== gone));
  if (notice === null) {
    if (!(code in current)) return;
    // A notice that clears forgets its dismissal: raised again, it shows again.
    store.setState({ notices: without(current, code), dismissedNotices: without(store.getState().dismissedNotices, code) });
    return;
  }
  const existing = current[code];
  if (existing?.message === notice.message && existing.level === notice.level) return;
  const entries = Object.entries(current);
  if (!existing && entries.length >= NOTICE_CAP) {
    // Insertion order is age: the first match is the oldest of that level.
    const level = DROP_ORDER.find((l) => entries.some(([, n]) => n.level === l));
    const oldest = entries.find(([, n]) => n.level === level)?.[0];
    if (oldest !== undefined) {
      store.setState({ notices: { ...without(current, oldest), [code]: notice }, dismissedNotices: without(store.getState().dismissedNotices, oldest) });
      return;
    }
  }
  store.setState({ notices: { ...current, [code]: notice } });
}

/** Turns rejected settings into one notice that names every bad key. */
export function problemsNotice(problems: readonly ConfigProblem[]): Notice | null {
  if (problems.length === 0) return null;
  return { level: 'warning', message: problems.map((p) => p.message).join(' ') };
}

/**
 * Writes the per-tick slice without notifying anyone. No component selects `live`, but a
 * `setState` at tick rate (10–40 a second) would run every mounted component's selectors each
 * time, main-thread work that grows with the page, not with what changed. zustand's next
 * `setState` copies the current state's fields, this one included, so readers of `getState()`
 * (the renderer each frame, `window.sandbox.snapshot()`) always see the newest tick.
 */
export function writeLive(store: SandboxStore, live: SandboxState['live']): void {
  (store.getState() as { live: SandboxState['live'] }).live = live;
}
