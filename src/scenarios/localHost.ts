/**
 * A scenario's host outside the worker: a private scheduler over a model and a clock, and the
 * ScenarioContext that puts asks to it. Tests run it on a ManualClock, the bench on the real
 * clock; the page's session implements the same context over its one scheduler.
 */
import type { AnyAsk } from '../brain/ask.ts';
import type { Model } from '../brain/model.ts';
import type { Clock } from '../clock/clock.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { CallRecord, SchedulerConfig, SchedulerEvent } from '../scheduler/types.ts';
import { hash32, Rng } from '../sim/rng.ts';
import type { ScenarioContext } from './scenario.ts';
import { schedulerContext, type SchedulerContext } from './schedulerContext.ts';

const SALT_BACKOFF = 0x6261636b;

export interface LocalHostOptions {
  readonly model: Model<AnyAsk, unknown>;
  readonly clock: Clock;
  readonly config?: Partial<SchedulerConfig>;
  /** Seeds the backoff jitter, so a run with the same seed retries at the same moments. */
  readonly seed?: number;
  /** Hears every scheduler event too (a race draws its lanes from them). */
  readonly onEvent?: (event: SchedulerEvent) => void;
}

export class LocalScenarioHost {
  readonly scheduler: Scheduler<AnyAsk, unknown>;
  readonly clock: Clock;
  /** Every settled call, in the order they settled. */
  readonly records: CallRecord[] = [];
  /** When each attempt of every call was sent, in order: what a budget counts. */
  readonly attemptStarts: number[] = [];
  private readonly contexts: SchedulerContext[] = [];

  constructor(options: LocalHostOptions) {
    const rng = new Rng(hash32(options.seed ?? 1, SALT_BACKOFF));
    this.clock = options.clock;
    this.scheduler = new Scheduler<AnyAsk, unknown>({
      model: options.model,
      clock: options.clock,
      ...(options.config === undefined ? {} : { config: options.config }),
      random: () => rng.next(),
      onEvent: (event) => {
        this.onEvent(event);
        options.onEvent?.(event);
      },
    });
  }

  /** The context a scenario named `producer` runs on. */
  context(producer: string): ScenarioContext {
    const made = schedulerContext(this.scheduler, this.clock, producer);
    this.contexts.push(made);
    return made.context;
  }

  /** Cancels every call and stops the scheduler's timers. */
  dispose(): void {
    this.scheduler.dispose();
  }

  private onEvent(event: SchedulerEvent): void {
    if (event.type === 'started') this.attemptStarts.push(event.at);
    else if (event.type === 'settled') this.records.push(event.record);
    else if (event.type === 'batch') for (const made of this.contexts) made.noteBatch(event.stats);
  }
}

/** The most attempts sent in any window of `windowMs` (a rolling minute by default): what an RPM budget bounds. */
export function busiestWindow(starts: readonly number[], windowMs = 60_000): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while ((sorted[to] ?? 0) - (sorted[from] ?? 0) >= windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}
