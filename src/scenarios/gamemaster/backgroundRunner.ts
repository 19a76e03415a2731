/**
 * The background lane after a turn: upkeep (reputation, memories, gossip) and the prefetch of
 * the likely next actions' assessments into the cache. Nothing here is awaited by a turn; every
 * job is submitted on the `background` lane, so the scheduler runs it only in the budget the
 * interactive lane leaves. Prefetch calls are counted (state.prefetch), so the hit rate they buy
 * is shown with its price.
 */
import { askOf } from './asks.ts';
import { planUpkeep, type Reaction } from './background.ts';
import { parseIntent } from './intent.ts';
import { backgroundDone, backgroundQueued } from './records.ts';
import { askKey, type RunEnv } from './runEnv.ts';
import { likelyActions } from './suggest.ts';
import { planTurn } from './turn.ts';
import type { Bar } from './types.ts';

/** Draws of background work: apart from any turn's own (turn × 1000). */
const UPKEEP_WHEN = 500;
const PREFETCH_WHEN = 600;

function queuedBar(name: string, startMs: number): Bar {
  return { name, lane: 'background', source: 'model', startMs, endMs: null, late: false };
}

/** Submits turn `turn`'s upkeep; each answer changes the state as it lands. */
export function startUpkeep(env: RunEnv, turn: number, action: string, reactions: readonly Reaction[], since: () => number): void {
  const state = env.current();
  if (!state.settings.background) return;
  for (const job of planUpkeep(state, action, reactions, turn * 1000 + UPKEEP_WHEN)) {
    env.observe?.({ turn, name: job.name, lane: 'background', prefetch: false, cached: false, ask: job.ask });
    env.update((s) => backgroundQueued(s, turn, queuedBar(job.name, since()), false));
    void env.ctx.ask(job.ask, { key: askKey(env, turn, job.name), lane: 'background', timeoutMs: state.settings.askTimeoutMs * 2 }).then((answer) => {
      if (env.isCancelled()) return;
      env.update((s) => backgroundDone(job.apply(s, answer.value), turn, job.name, since(), false));
    });
  }
}

/**
 * Asks, on the background lane, for every assessment the likely next actions would need that
 * the cache neither holds nor awaits; answers land in the cache. `recent`: the player's actions,
 * newest last.
 */
export function startPrefetch(env: RunEnv, turn: number, recent: readonly string[], since: () => number): void {
  const state = env.current();
  const { prefetch, askTimeoutMs } = state.settings;
  if (prefetch === 0 || !env.cache.enabled) return;
  likelyActions(state, recent, prefetch).forEach((action, index) => {
    const plan = planTurn(state, action, parseIntent(state, action), turn * 1000 + PREFETCH_WHEN + index);
    for (const planned of plan.assessments) {
      if (env.cache.known(planned.key)) continue;
      const name = `prefetch:${index}:${planned.name}`;
      env.observe?.({ turn, name, lane: 'background', prefetch: true, cached: false, ask: askOf(planned) });
      env.update((s) => backgroundQueued(s, turn, queuedBar(name, since()), true));
      const answer = env.ctx
        .ask(askOf(planned), { key: askKey(env, turn, name), lane: 'background', timeoutMs: askTimeoutMs * 2 })
        .then((got) => (got.source === 'fallback' ? undefined : { value: got.value }));
      env.cache.track(planned.key, answer, 'prefetch');
      void answer.then((got) => {
        if (!env.isCancelled()) env.update((s) => backgroundDone(s, turn, name, since(), got !== undefined));
      });
    }
  });
}
