/**
 * The game master's figures in words: each percentile against the 500 ms line, the cache, the
 * background lane, prefetch and fallbacks. True in every state: before the first turn they say
 * so rather than show zeros as if they were measured. Pure, so the wording is tested.
 */
import type { GameMasterSceneWire } from '../../protocol/gamemasterScene.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { formatCount, plural } from '../numbers.ts';

/** The line a reply should beat (the target). */
export const TARGET_MS = 500;

/** "p95 412 ms ✓ under 500 ms" or "p95 612 ms ✗ over 500 ms" (the mark is not the only sign: the words say it). */
export function percentileText(label: string, ms: number, target = TARGET_MS): string {
  const under = ms <= target;
  return `${label} ${formatMs(ms)} ${under ? '✓ under' : '✗ over'} ${formatMs(target)}`;
}

const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** The cache's line: its hit rate with hits and misses, or that it is off. */
export function cacheText(cache: GameMasterSceneWire['cache'], enabled: boolean): string {
  const counts = `${plural(cache.hits, 'hit')}, ${plural(cache.misses, 'miss', 'misses')}`;
  const joined = cache.joined > 0 ? `, ${plural(cache.joined, 'wait')} for a call already on its way` : '';
  if (!enabled) return `Cache off: every assessment asks the model (${counts}${joined}).`;
  if (cache.hits + cache.misses + cache.joined === 0) return 'Cache on: no lookups yet.';
  return `Cache hit rate ${percent(cache.hitRate)}: ${counts}${joined}.`;
}

/** The background lane: jobs waiting or running, and done. */
export function backgroundText(background: GameMasterSceneWire['background']): string {
  return `Background lane: ${formatCount(background.pending)} pending, ${formatCount(background.done)} done. A reply never waits for it.`;
}

/** Prefetch calls are real calls on the budget: counted and shown, with what they bought. */
export function prefetchText(prefetch: GameMasterSceneWire['prefetch'], cacheEnabled: boolean): string {
  const off = cacheEnabled ? '' : ' No prefetch while the cache is off.';
  if (prefetch.calls === 0) return `Prefetch: no calls yet.${off}`;
  return `Prefetch: ${plural(prefetch.calls, 'call')} (on the budget), ${formatCount(prefetch.landed)} landed in the cache, ${plural(prefetch.hits, 'hit')} on them.${off}`;
}

/** The share of assessments that fell back to their rule-based answer. */
export function fallbackText(fallbacks: number, assessed: number): string {
  if (assessed === 0) return 'Fallbacks: none yet (no assessments).';
  return `Fallbacks: ${formatCount(fallbacks)} of ${plural(assessed, 'assessment')} (${percent(fallbacks / assessed)}).`;
}

/** How many turns the percentiles cover. */
export function turnsText(turns: number): string {
  return turns === 0 ? 'No turns yet: play one and its times show here.' : `Over ${plural(turns, 'turn')}.`;
}
