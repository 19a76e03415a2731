/**
 * A ScenarioContext over a scheduler: asks are submitted under the scenario's producer name with
 * the ask's own mock answer as the fallback, the semaphore is the scheduler's per-producer cap,
 * and batch figures are handed on by whoever hears the scheduler's events (`noteBatch`). The
 * session's host and the headless host differ only in the hooks.
 */
import { answerOf, type AnyAsk, type Ask } from '../brain/ask.ts';
import type { Clock } from '../clock/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { BatchStats, JobResult } from '../scheduler/types.ts';
import type { Answer, AskOptions, ScenarioContext } from './scenario.ts';

export interface ContextHooks {
  /** Holds each next batch until it may begin (a paused page). */
  readonly ready?: () => Promise<void>;
  /** An ask of `who` (its draw's asker) was submitted. */
  readonly onSubmit?: (who: number) => void;
  /** Its first attempt left. */
  readonly onStart?: (who: number) => void;
  /** Its answer came back (the model's, the mock's, or the fallback). */
  readonly onAnswer?: (who: number, result: JobResult<unknown>) => void;
}

export interface SchedulerContext {
  readonly context: ScenarioContext;
  /** Hands a finished batch's figures to the scenario's listeners. */
  noteBatch(stats: BatchStats): void;
}

/** The context a scenario named `producer` runs on, over `scheduler`. */
export function schedulerContext(scheduler: Scheduler<AnyAsk, unknown>, clock: Clock, producer: string, hooks: ContextHooks = {}): SchedulerContext {
  const listeners = new Set<(stats: BatchStats) => void>();
  const context: ScenarioContext = {
    clock,
    producer,
    ask: async <Res>(ask: Ask<Res>, options: AskOptions): Promise<Answer<Res>> => {
      const who = ask.draw.who;
      hooks.onSubmit?.(who);
      const result = await scheduler.submit({
        key: options.key,
        producer,
        ...(options.batch === undefined ? {} : { batch: options.batch }),
        ...(options.lane === undefined ? {} : { lane: options.lane }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.flow === undefined ? {} : { flow: options.flow }),
        ...(options.fault === undefined ? {} : { fault: options.fault }),
        request: ask,
        fallback: answerOf,
        onStart: () => hooks.onStart?.(who),
      });
      hooks.onAnswer?.(who, result);
      // The value came from this ask: its parse (a live model), its mock answer, or its fallback.
      return { value: result.value as Res, source: result.source, record: result.record };
    },
    ...(hooks.ready ? { ready: hooks.ready } : {}),
    capConcurrency: (cap) => {
      scheduler.capProducer(producer, cap);
    },
    onBatch: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return {
    context,
    noteBatch: (stats) => {
      for (const listener of listeners) listener(stats);
    },
  };
}
