/**
 * Plays one turn on the scheduler: every assessment at once on the interactive lane (or one at a
 * time, for comparison), each from the cache when it can be, and the reply composed at the
 * deadline from what has arrived, or at once when everything is there sooner. Answers that come
 * after the reply still correct the world (turn.ts `applyLate`). Only timing and fetching live
 * here; every change of state is a pure function.
 */
import { askOf, type Planned } from './asks.ts';
import { parseIntent } from './intent.ts';
import { closeBar } from './records.ts';
import { askKey, type RunEnv } from './runEnv.ts';
import { applyLate, composeTurn, planTurn, type Composed, type Got } from './turn.ts';
import type { Bar, Source } from './types.ts';

/** When each assessment was asked and how it ended, in ms from the action. */
interface Track {
  readonly got: Map<string, Got>;
  readonly startMs: Map<string, number>;
  composed: boolean;
  firstTextMs: number | null;
}

/** Plays `action` (played at `t0` on the context's clock) as the next turn; resolves with the composed reply (the state is already updated). */
export async function playTurn(env: RunEnv, action: string, t0: number): Promise<Composed> {
  const { clock } = env.ctx;
  const since = (): number => clock.now() - t0;
  const before = env.current();
  const { settings } = before;
  const turn = before.turn + 1;
  const track: Track = { got: new Map(), startMs: new Map(), composed: false, firstTextMs: null };
  const onText = (text: string): void => {
    if (track.composed || env.isCancelled()) return;
    track.firstTextMs ??= since();
    env.update((state) => ({ ...state, streaming: text }));
  };
  const plan = planTurn(before, action, parseIntent(before, action), turn * 1000, onText);
  // The avatar walks to where the action takes it at once; the rest waits for the reply.
  env.update((state) => ({ ...state, player: plan.state.player }));

  const fetchOne = (planned: Planned): Promise<void> => obtain(env, turn, planned, track, since);
  const sequential = settings.mode === 'sequential';
  if (sequential) {
    for (const planned of plan.assessments) {
      if (env.isCancelled()) break;
      await Promise.race([fetchOne(planned), env.cancelled]);
    }
  } else {
    let timer: number | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = clock.setTimeout(resolve, settings.deadlineMs);
    });
    await Promise.race([Promise.all(plan.assessments.map(fetchOne)), deadline, env.cancelled]);
    if (timer !== undefined) clock.clearTimeout(timer);
  }
  track.composed = true;
  const responseMs = since();
  const bars: Bar[] = plan.assessments.map((planned) => barOf(planned.name, track));
  const composed = composeTurn(env.current(), plan, track.got, {
    responseMs, firstTextMs: track.firstTextMs, mode: settings.mode, deadlineMs: sequential ? null : settings.deadlineMs, bars,
  });
  env.update(() => composed.state);
  return composed;
}

function barOf(name: string, track: Track): Bar {
  const got = track.got.get(name);
  const startMs = track.startMs.get(name) ?? 0;
  return got
    ? { name, lane: 'interactive', source: got.source, startMs, endMs: got.ms, late: false }
    : { name, lane: 'interactive', source: 'fallback', startMs, endMs: null, late: false };
}

/**
 * One assessment: a hit is there at once and asks nothing; a call already on its way for the
 * same key (a prefetch) is waited for; otherwise it is asked on the interactive lane. Whatever
 * comes after the reply is a late answer.
 */
async function obtain(env: RunEnv, turn: number, planned: Planned, track: Track, since: () => number): Promise<void> {
  const lookup = env.cache.lookup(planned.key);
  env.observe?.({ turn, name: planned.name, lane: 'interactive', prefetch: false, cached: lookup.kind === 'hit', ask: askOf(planned) });
  track.startMs.set(planned.name, since());
  if (lookup.kind === 'hit') {
    track.got.set(planned.name, { value: lookup.value, source: 'cache', ms: since() });
    return;
  }
  let answer: Promise<{ value: unknown } | undefined>;
  if (lookup.kind === 'pending') {
    answer = lookup.answer.then((value) => (value === undefined ? undefined : { value }));
  } else {
    const { settings } = env.current();
    answer = env.ctx
      .ask(askOf(planned), { key: askKey(env, turn, planned.name), lane: 'interactive', timeoutMs: settings.askTimeoutMs })
      .then((got) => (got.source === 'fallback' ? undefined : { value: got.value }));
    env.cache.track(planned.key, answer, 'turn');
  }
  const result = await answer;
  const ms = since();
  if (env.isCancelled()) return;
  if (!track.composed) {
    // A call that already fell back (a bad reply, a failure) is its fallback now, not at the deadline.
    const source: Source = result ? 'model' : 'fallback';
    track.got.set(planned.name, { value: result ? result.value : planned.ask.answer(), source, ms });
    return;
  }
  env.update((state) => (result ? applyLate(state, turn, planned, planned.ask.answer(), result.value, ms) : closeBar(state, turn, planned.name, ms)));
}
