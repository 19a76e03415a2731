import type { Clock, TimerHandle } from '../clock/clock.ts';
import { abortReason, waitForAbort } from '../clock/clock.ts';
import type { AbortLike } from '../clock/abortLine.ts';
import { TimerWheel } from '../clock/timerWheel.ts';
import { hash32 } from '../sim/rng.ts';
import type { Decision, DecisionRequest } from '../sim/types.ts';
import type { AnyAsk, DrawKey } from './ask.ts';
import type { Brain } from './brain.ts';
import { decisionAsk } from './decisionAsk.ts';
import { ModelError } from './errors.ts';
import type { CallEnd, CallOptions, ModelReply } from './model.ts';
import { mockDecision } from './mockPolicy.ts';
import { playStream, streamedText, streamSchedule } from './mockStream.ts';

const SALT_LATENCY = 0x6c617465;
/** Answers written per turn of the event loop (`MockBrain.writeAnswers`): a few ms of 500 decisions, so a tick is never held up for long. */
const ANSWERS_PER_TURN = 500;
const SALT_FAULT = 0x6661756c;
const TWO_POW_32 = 4294967296;

export interface MockBrainOptions {
  readonly clock: Clock;
  /** Mean time to answer, in the clock's milliseconds. */
  readonly latencyMs: number;
  /** Latency varies uniformly by ± this much (clamped at 0). */
  readonly jitterMs?: number;
  /** Chance of a 503 server error. */
  readonly errorRate?: number;
  /** Chance of a 429 rate limit. */
  readonly rateLimitRate?: number;
  /** Chance the call never answers until aborted. */
  readonly hangRate?: number;
  /** Chance of a reply that is not JSON. */
  readonly malformedRate?: number;
  /** Seeds latency and faults; defaults to the ask's own seed (the world's). */
  readonly seed?: number;
}

/** Options that may change while running (everything but the clock). */
export type MockBrainPatch = Partial<Omit<MockBrainOptions, 'clock'>>;

/** What a given (seed, who, when, attempt) call will do: its latency and its fate. */
export interface MockPlan {
  readonly latencyMs: number;
  readonly fault: 'none' | 'hang' | 'server' | 'rate-limit' | 'malformed';
}

/** The faults in the order their rates partition the draw, and the option that sets each rate (fixed, not built per call). */
const FAULTS = ['hang', 'server', 'rate-limit', 'malformed'] as const;
const FAULT_RATES = { hang: 'hangRate', server: 'errorRate', 'rate-limit': 'rateLimitRate', malformed: 'malformedRate' } as const satisfies Record<(typeof FAULTS)[number], keyof MockBrainOptions>;

/**
 * A call's fate: one draw partitioned by the rates, so the total failure chance is their sum
 * (capped at 1). With no rate set, no draw can fall below one, so none is made: a pure hash the
 * batch's every call would compute only to answer 'none'.
 */
function faultOf(o: MockBrainOptions, seed: number, draw: DrawKey, attempt: number): MockPlan['fault'] {
  if (!o.hangRate && !o.errorRate && !o.rateLimitRate && !o.malformedRate) return 'none';
  let f = hash32(seed, draw.who, draw.when, attempt, SALT_FAULT) / TWO_POW_32;
  for (const fault of FAULTS) {
    const rate = o[FAULT_RATES[fault]] ?? 0;
    if (f < rate) return fault;
    f -= rate;
  }
  return 'none';
}

/** The mock decision, used instantly when a live call fails: same rules, no latency. */
export function mockFallback(request: DecisionRequest): Decision {
  return mockDecision(request);
}

/**
 * A Brain that answers every ask with its own mock answer (the scenario's seeded model) after a
 * seeded latency, failing on purpose at configured rates. Latency and faults are drawn from the
 * ask's (seed, who, when) and the attempt, never from call order, so sequential and parallel
 * runs see identical calls and a retry gets a fresh draw.
 */
export class MockBrain implements Brain {
  readonly source = 'mock' as const;
  private current: MockBrainOptions;
  /** The latencies' timers: a batch's calls share one per instant they answer at (`TimerWheel`). */
  private readonly latencies: TimerWheel;
  /** Calls whose answer is still to be written, in the order they started (`writeAnswers`). */
  private readonly unwritten: Landing[] = [];
  private writing: TimerHandle | undefined;

  constructor(options: MockBrainOptions) {
    validate(options);
    this.current = options;
    this.latencies = new TimerWheel(options.clock);
  }

  /** The options in force now. */
  get options(): MockBrainOptions {
    return this.current;
  }

  /** Changes latency, jitter, rates or seed for calls that start from now on. */
  configure(patch: MockBrainPatch): void {
    const next: MockBrainOptions = { ...this.current, ...patch };
    validate(next);
    this.current = next;
  }

  /** Decides what the call for this ask (or grid request) and attempt will do, without waiting. */
  plan(key: DrawKey | DecisionRequest, attempt: number): MockPlan {
    const draw = 'who' in key ? key : decisionAsk(key).draw;
    const o = this.current;
    const seed = o.seed ?? draw.seed;
    const jitter = o.jitterMs ?? 0;
    // Without jitter the draw cannot move the latency, so it is not made (a pure hash per call).
    const spread = jitter === 0 ? 0 : (2 * (hash32(seed, draw.who, draw.when, attempt, SALT_LATENCY) / TWO_POW_32) - 1) * jitter;
    // A step that takes several of the mock's latencies (a DAG's slow step) scales the whole draw.
    const latencyMs = Math.max(0, (o.latencyMs + spread) * (draw.scale ?? 1));
    return { latencyMs, fault: faultOf(o, seed, draw, attempt) };
  }

  /**
   * Waits the seeded latency on the clock, then answers with the ask's mock answer, or fails as
   * planned. An ask with `onText` hears the answer's words over that latency (a failure, like a
   * live error before the stream starts, streams nothing).
   */
  call(ask: AnyAsk, options: CallOptions): Promise<ModelReply<unknown>> {
    return new Promise<ModelReply<unknown>>((resolve, reject) => {
      this.callWith(ask, options, { answer: resolve, fail: reject });
    });
  }

  /**
   * `call` without a promise (`Model.callWith`): the latency's timer tells `end` itself, in the
   * timer's turn. The answer is written while the latency runs (`writeAnswers`).
   */
  callWith(ask: AnyAsk, options: CallOptions, end: CallEnd<unknown>): void {
    const { latencyMs, fault } = this.plan(ask.draw, options.attempt);
    // The scheduler's `abort` tells of the same abort as `signal` without building one.
    const abort = options.abort ?? options.signal;
    if (ask.onText !== undefined && fault === 'none') {
      this.stream(ask, ask.onText, latencyMs, abort).then(
        (reply) => {
          end.answer(reply);
        },
        (error: unknown) => {
          end.fail(error);
        },
      );
      return;
    }
    if (abort.aborted) {
      end.fail(abortReason(abort));
      return;
    }
    const landing = new Landing(this.latencies, abort, ask, fault, end);
    landing.handle = this.latencies.setTimer(landing, latencyMs);
    abort.addEventListener('abort', landing, { once: true });
    if (fault === 'none') {
      this.unwritten.push(landing);
      this.writing ??= this.current.clock.setTimeout(this.writeAnswers, 0);
    }
  }

  /**
   * Writes the answers of calls that have started, ANSWERS_PER_TURN per turn of the event loop,
   * while their latencies run. The mock's answer is the model's work: a live model writes its
   * reply on the server while the call waits, and the client only receives it when the latency
   * is over. Written when the latency ended instead (as before), the mock's own thinking landed
   * on the client's busiest moment, when a batch's answers all arrive at once, and every answer
   * waited for the ones before it to be written: ~25 ms of 10,000 decisions in the bench's wall.
   * A call answered before its turn here (latency 0) writes its own; an aborted one is skipped.
   */
  private readonly writeAnswers = (): void => {
    this.writing = undefined;
    const batch = this.unwritten.splice(0, ANSWERS_PER_TURN);
    for (const landing of batch) landing.write();
    if (this.unwritten.length > 0) this.writing = this.current.clock.setTimeout(this.writeAnswers, 0);
  };

  private async stream(ask: AnyAsk, onText: (textSoFar: string) => void, latencyMs: number, abort: AbortLike): Promise<ModelReply<unknown>> {
    const value = ask.answer();
    const text = streamedText(value);
    await playStream(this.current.clock, streamSchedule(text, latencyMs), onText, abort);
    return { value, prompt: ask.label, raw: ask.format === 'text' ? text : JSON.stringify(value) };
  }

  /** A grid agent's decision: `call` with its ask. */
  decide(request: DecisionRequest, options: CallOptions): Promise<ModelReply<Decision>> {
    return this.call(decisionAsk(request), options) as Promise<ModelReply<Decision>>;
  }
}

/**
 * A mock call waiting out its latency: the latency's timer (`TimerTarget`) and its abort's
 * listener (`handleEvent`) in one object, where closures would be two more per call.
 */
class Landing {
  handle: TimerHandle | undefined;
  /** The reply, once written (`write`); or the error it threw (`failed`). Two fields, not a wrapper object per call. */
  private reply: ModelReply<unknown> | undefined;
  private error: unknown;
  private failed = false;
  private ended = false;

  constructor(
    private readonly latencies: TimerWheel,
    private readonly abort: AbortLike,
    private readonly ask: AnyAsk,
    private readonly fault: MockPlan['fault'],
    private readonly end: CallEnd<unknown>,
  ) {}

  /** Writes the reply ahead of the latency's end (MockBrain.writeAnswers); a call that ended needs none. */
  write(): void {
    if (this.ended || this.reply !== undefined || this.failed) return;
    try {
      this.reply = answerAfterLatency(this.ask, this.fault);
    } catch (error) {
      this.error = error;
      this.failed = true;
    }
  }

  /** The latency is over: fails as planned, or answers with the ask's mock answer. */
  onTimer(): void {
    this.abort.removeEventListener('abort', this);
    this.write();
    const { reply, error, failed } = this;
    this.forget();
    if (failed) {
      this.end.fail(error);
      return;
    }
    if (reply === undefined) return;
    if (reply === HANG) {
      waitForAbort(this.abort).catch((error: unknown) => {
        this.end.fail(error);
      });
      return;
    }
    this.end.answer(reply);
  }

  /** The call has ended: nothing more is written, and what was written is let go. */
  private forget(): void {
    this.ended = true;
    this.reply = undefined;
    this.error = undefined;
  }

  /** Aborted first: the timer is cleared and the call fails with the abort's reason. */
  handleEvent(): void {
    this.forget();
    if (this.handle !== undefined) this.latencies.clearTimeout(this.handle);
    this.end.fail(abortReason(this.abort));
  }
}

/** A call planned to hang: it never answers, only fails when aborted. */
const HANG: ModelReply<unknown> = { value: undefined };

/** What a call whose latency is over does: fails as planned (HANG: never answers), or answers with the ask's mock answer. */
function answerAfterLatency(ask: AnyAsk, fault: MockPlan['fault']): ModelReply<unknown> {
  switch (fault) {
    case 'hang':
      return HANG;
    case 'server':
      throw new ModelError('server', 'Mock brain: injected server error (503)', { status: 503 });
    case 'rate-limit':
      throw new ModelError('rate-limit', 'Mock brain: injected rate limit (429)', { status: 429, retryAfterMs: 1000 });
    case 'malformed':
      throw new ModelError('bad-output', 'Mock brain: injected malformed output (not JSON)');
    case 'none':
      break;
  }
  const value = ask.answer();
  return { value, prompt: ask.label, raw: ask.format === 'text' ? streamedText(value) : JSON.stringify(value) };
}

function validate(options: MockBrainOptions): void {
  const nonNegative = (name: string, value: number | undefined): void => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`MockBrain ${name} must be a finite number >= 0, got ${value}`);
    }
  };
  const rate = (name: string, value: number | undefined): void => {
    if (value !== undefined && !(value >= 0 && value <= 1)) throw new RangeError(`MockBrain ${name} must be in 0..1, got ${value}`);
  };
  nonNegative('latencyMs', options.latencyMs);
  nonNegative('jitterMs', options.jitterMs);
  rate('errorRate', options.errorRate);
  rate('rateLimitRate', options.rateLimitRate);
  rate('hangRate', options.hangRate);
  rate('malformedRate', options.malformedRate);
  if (options.seed !== undefined && !Number.isFinite(options.seed)) throw new RangeError(`MockBrain seed must be finite, got ${options.seed}`);
}
