/**
 * Helpers for driving the page through `window.sandbox`, the same contract outside checks use.
 * The types here mirror docs/ARCHITECTURE.md; they are written out rather than imported so the
 * tests check the contract itself, not whatever the source happens to export.
 */
import { expect, type ConsoleMessage, type Page } from '@playwright/test';

export interface SnapshotAgent {
  id: number;
  name: string;
  x: number;
  y: number;
  thought: string;
  plan: string;
  /** The decided action (the model's), never rewritten by a wall turn. */
  action: string;
  /** The way it stepped on its last tick: N, E, S, W, or STAY when it did not move. */
  heading: string;
  source: 'gemini' | 'openai' | 'mock' | 'fallback' | 'none';
  thinking: boolean;
  decisions: number;
}

/** The contract's `scene` for `scenario=community`. */
export interface CommunityScene {
  epoch: number;
  epochs: number;
  phase: string | null;
  done: boolean;
  phases: { name: string; epoch: number; calls: number; wallMs: number; sumLatencyMs: number; speedup: number; fallbacks: number }[];
  beliefs: { mean: number[]; spread: number[] };
  posts: number;
  reactions: { up: number; down: number };
  votes: Record<string, number> | null;
}

/** The contract's `scene` for `scenario=gamemaster`. */
export interface GameMasterScene {
  turns: number;
  lastTurn: { action: string; responseMs: number; narration: string; assessments: { name: string; source: string; ms: number }[] } | null;
  response: { p50: number; p95: number };
  cache: { hits: number; misses: number; hitRate: number };
  background: { pending: number; done: number };
  fallbacks: number;
}

export interface SimCard {
  id: number;
  status: 'running' | 'done' | 'failed';
  scene: number;
  scenes: number;
  commitment: number[];
  error: string | null;
  retries: number;
}

export interface RelationshipsScene {
  sims: SimCard[];
  wallMs: number | null;
  sumMs: number | null;
  speedup: number | null;
}

export interface Snapshot {
  scenario: string;
  /** null for the grid; the community's public state (a game master's: cast to GameMasterScene). */
  scene: CommunityScene | null;
  tick: number;
  running: boolean;
  agents: SnapshotAgent[];
  metrics: {
    callsStarted: number;
    callsSucceeded: number;
    callsFailed: number;
    fallbacks: number;
    retries: number;
    inFlight: number;
    queued: number;
    rpmLimit: number;
    callsLastMinute: number;
    lastBatch: { size: number; wallMs: number; sumLatencyMs: number; speedup: number } | null;
    fps: number;
  };
}

export interface SandboxWindow {
  sandbox: {
    snapshot(): Snapshot;
    start(): Promise<void>;
    pause(): Promise<void>;
    step(): Promise<void>;
    reset(seed?: number): Promise<void>;
    configure(patch: Record<string, unknown>): Promise<{ problems: { key: string; message: string }[] }>;
    locate(agentId: number): { x: number; y: number } | null;
    renderCounts(): Record<string, number>;
    /** The run as a save file (a plain object), never with the key. */
    save(options?: { withCalls?: boolean }): Promise<Record<string, unknown>>;
    /** Replaces the run with a save (an object or its JSON text); a bad one changes nothing. */
    load(save: unknown): Promise<{ ok: true } | { ok: false; error: string }>;
    select(agentId: number | null): Promise<void>;
    /** Asks a community persona a question; the run is unchanged. */
    interview(agentId: number, question: string): Promise<{ answer: string; source: string }>;
    /** Plays one game master turn; resolves to that turn's \`lastTurn\`. */
    act(text: string): Promise<unknown>;
    /** Runs a failed relationship simulation again, alone. */
    retrySim(sim: number): Promise<void>;
    /** Loads a DAG into the pipeline. */
    loadDag(spec: unknown): Promise<{ ok: true } | { ok: false; error: string }>;
  };
}

/** Console errors and uncaught page errors, collected from the moment the page is created. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

/** Opens the app with a query and waits until the world is running. */
export async function openSandbox(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await page.waitForFunction(() => {
    const sandbox = (window as unknown as Partial<SandboxWindow>).sandbox;
    const snapshot = sandbox?.snapshot();
    return snapshot !== undefined && snapshot.running && snapshot.agents.length > 0;
  });
}

export function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => (window as unknown as SandboxWindow).sandbox.snapshot());
}

/** Calls one of window.sandbox's commands and waits for the worker to acknowledge it. */
export async function command(page: Page, name: 'start' | 'pause' | 'step'): Promise<void> {
  await page.evaluate((which) => (window as unknown as SandboxWindow).sandbox[which](), name);
}

/** Waits until `predicate(snapshot)` holds, polling the page. */
export async function waitForSnapshot(page: Page, predicate: string, timeout = 30_000): Promise<Snapshot> {
  await page.waitForFunction(`(() => { const s = window.sandbox.snapshot(); return ${predicate}; })()`, undefined, { timeout, polling: 100 });
  return snapshot(page);
}

/** Where agent `id` is drawn, in page coordinates. */
export async function locate(page: Page, agentId: number): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((id) => (window as unknown as SandboxWindow).sandbox.locate(id), agentId);
  expect(point, `agent ${agentId} should be on screen`).not.toBeNull();
  return point ?? { x: 0, y: 0 };
}

export function renderCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => (window as unknown as SandboxWindow).sandbox.renderCounts());
}

/** Positions as "x,y" per agent, to compare two moments. */
export function positions(s: Snapshot): string[] {
  return s.agents.map((a) => `${a.x},${a.y}`);
}
