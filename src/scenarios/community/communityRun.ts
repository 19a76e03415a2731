/**
 * Runs a community through its epochs and phases on the session's scheduler: each phase's asks
 * go out together as one batch, and the next phase starts only when every one of them has
 * settled (the barrier). The runner only sequences; every change of state is a pure function
 * (state.ts, phases.ts), and what the page reads is derived from the state (sceneView.ts).
 */
import type { Ask } from '../../brain/ask.ts';
import { statsOfRecords } from '../../scheduler/batches.ts';
import type { BatchStats } from '../../scheduler/types.ts';
import type { ScenarioContext } from '../scenario.ts';
import { interviewAsk } from './asks.ts';
import { planPhase } from './phases.ts';
import type { InterviewReply } from './replies.ts';
import { personaOf, sceneOf, viewOf, type CommunityScene, type CommunityView, type PersonaStory } from './sceneView.ts';
import { beginEpoch, beginPhase, endPhase, finishRun, initialState, phaseRecord, phasesOf } from './state.ts';
import type { CommunitySettings, CommunityState, PhaseName } from './types.ts';

/** The batch id of one phase of one epoch: how the scheduler and the timeline group its calls. */
export function phaseBatch(producer: string, epoch: number, phase: PhaseName): string {
  return `${producer}:e${epoch}:${phase}`;
}

export class CommunityRun {
  private current: CommunityState;
  private readonly ctx: ScenarioContext;
  private readonly stats = new Map<string, BatchStats>();
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> | undefined;
  private cancelled = false;
  private stopWaiting: () => void = () => undefined;
  /** Settles on cancel, so a phase that waits for its answers stops waiting at once. */
  private readonly cancelledSignal = new Promise<'cancelled'>((resolve) => {
    this.stopWaiting = () => {
      resolve('cancelled');
    };
  });
  private offBatch: (() => void) | undefined;

  /** A community of `settings` (defaults filled in; a bad value throws a RangeError) on `ctx`'s scheduler. */
  constructor(settings: Partial<CommunitySettings>, ctx: ScenarioContext) {
    this.current = initialState(settings);
    this.ctx = ctx;
  }

  /** The settings in force, defaults filled in. */
  get settings(): CommunitySettings {
    return this.current.settings;
  }

  /** The whole state (read-only), for tests and exports. */
  get state(): CommunityState {
    return this.current;
  }

  /** Runs every phase of every epoch to the vote; resolves when done or cancelled. Calling it again returns the same run. */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  /** Stops: no further ask is put, and `start()` resolves at once; answers still on their way are ignored. */
  cancel(): void {
    this.cancelled = true;
    this.stopWaiting();
    this.offBatch?.();
  }

  /** The contract's public state. */
  scene(): CommunityScene {
    return sceneOf(this.current);
  }

  /** What the page draws. */
  view(): CommunityView {
    return viewOf(this.current);
  }

  /** One persona's story, or null for an unknown id. */
  persona(id: number): PersonaStory | null {
    return personaOf(this.current, id);
  }

  /** An ask that puts `question` to persona `id`; submitting it and its answer change nothing here. */
  interview(id: number, question: string): Ask<InterviewReply> {
    return interviewAsk(this.current, id, question);
  }

  /** Calls `listener` after every change of state (a phase began or ended); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: CommunityState): void {
    this.current = state;
    for (const listener of this.listeners) listener();
  }

  private async run(): Promise<void> {
    const { producer } = this.ctx;
    const { concurrency, epochs } = this.settings;
    this.ctx.capConcurrency(Number.isFinite(concurrency) ? concurrency : undefined);
    const offBatch = this.ctx.onBatch((stats) => {
      if (stats.id.startsWith(`${producer}:`)) this.stats.set(stats.id, stats);
    });
    this.offBatch = offBatch;
    try {
      for (let epoch = 1; epoch <= epochs; epoch++) {
        this.set(beginEpoch(this.current, epoch));
        for (const phase of phasesOf(epoch, epochs)) {
          if (this.cancelled || !(await this.runPhase(epoch, phase))) return;
        }
      }
      this.set(finishRun(this.current));
    } finally {
      offBatch();
    }
  }

  /** One phase: its asks as one batch, then the barrier. False when cancelled meanwhile. */
  private async runPhase(epoch: number, phase: PhaseName): Promise<boolean> {
    const { producer } = this.ctx;
    const batch = phaseBatch(producer, epoch, phase);
    // The barrier's other side: a paused host holds the next phase here, before it begins.
    const held = this.ctx.ready ? await Promise.race([this.ctx.ready(), this.cancelledSignal]) : undefined;
    if (held === 'cancelled') return false;
    this.set(beginPhase(this.current, phase));
    const planned = planPhase(this.current, phase);
    const pending = Promise.all(planned.calls.map((call) => this.ctx.ask(call.ask, { key: `${producer}/${call.key}`, batch })));
    const answers = await Promise.race([pending, this.cancelledSignal]);
    if (answers === 'cancelled' || this.cancelled) return false;
    const next = planned.finish(answers.map((answer) => ({ value: answer.value, fellBack: answer.source === 'fallback' })));
    // A host that reports no batch of its own: the phase's figures from its records, by the scheduler's rules.
    const stats = this.stats.get(batch) ?? statsOfRecords(batch, answers.map((answer) => answer.record));
    this.stats.delete(batch);
    this.set(endPhase(next, phaseRecord(phase, epoch, planned.calls.length, stats)));
    return true;
  }
}
