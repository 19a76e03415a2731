/**
 * The words of the waterfall: a bar's name for people ("Bram reacts", "prefetch 2 · pacing")
 * and a row in a sentence for screen readers and tooltips. Pure, so the wording is tested.
 */
import type { TurnRecordWire } from '../../protocol/gamemasterScene.ts';
import { formatMs } from '../timeline/timelineText.ts';
import type { WaterfallRow } from './waterfallLayout.ts';

/** Looks up an NPC's name by id (the view's `npcs`). */
export type NpcNames = (id: number) => string | undefined;

const FIXED: Readonly<Record<string, string>> = {
  world: 'world reaction',
  pacing: 'pacing',
  narration: 'narration',
  reputation: 'reputation',
};

/** A bar's name as people read it: `npc:3` → "Bram reacts", `gossip:2>4` → "gossip Ada → Cy", `prefetch:0:world` → "prefetch 1 · world reaction". */
export function barLabel(name: string, names: NpcNames): string {
  const npc = (id: string): string => names(Number(id)) ?? `villager ${id}`;
  const prefetch = /^prefetch:(\d+):(.+)$/.exec(name);
  if (prefetch) return `prefetch ${Number(prefetch[1]) + 1} · ${barLabel(prefetch[2] ?? '', names)}`;
  const fixed = FIXED[name];
  if (fixed !== undefined) return fixed;
  const reacts = /^npc:(\d+)$/.exec(name);
  if (reacts) return `${npc(reacts[1] ?? '')} reacts`;
  const memory = /^memory:(\d+)$/.exec(name);
  if (memory) return `${npc(memory[1] ?? '')}’s memory`;
  const gossip = /^gossip:(\d+)>(\d+)$/.exec(name);
  if (gossip) return `gossip ${npc(gossip[1] ?? '')} → ${npc(gossip[2] ?? '')}`;
  return name;
}

/** A late answer of the turn (`TurnRecord.late`): when it came and whether it still changed the world. */
export interface LateAnswer {
  readonly ms: number;
  readonly applied: boolean;
}

/** What a row's bar says, in one sentence: where its value came from and when. */
export function rowText(row: WaterfallRow, label: string, replyMs: number, late?: LateAnswer): string {
  const from = formatMs(row.startMs);
  if (row.lane === 'background') {
    return row.endMs === null ? `${label}: background, asked at ${from}, still running.` : `${label}: background, ${from} → ${formatMs(row.endMs)}.`;
  }
  if (row.source === 'cache') return `${label}: cache hit at ${from}, no call.`;
  if (row.source === 'model') return `${label}: model, ${from} → ${formatMs(row.endMs ?? replyMs)}.`;
  const atReply = `${label}: fallback at the reply (${formatMs(replyMs)})`;
  if (row.endMs === null) return `${atReply}; the model has not answered yet.`;
  if (!row.late) return `${label}: fallback at ${formatMs(row.endMs)} (the call gave no usable answer).`;
  if (!late) return `${atReply}; the call ended without an answer at ${formatMs(row.endMs)}.`;
  return `${atReply}; the model answered late, at ${formatMs(late.ms)}, ${late.applied ? 'and still changed the world' : 'too late to use'}.`;
}

/** The column beside a bar: its duration, "cache" for a hit, "fallback" for one the model has not answered, "…" while a job runs. */
export function rowDuration(row: WaterfallRow): string {
  if (row.source === 'cache') return 'cache';
  if (row.endMs === null) return row.lane === 'interactive' ? 'fallback' : '…';
  return formatMs(Math.max(0, row.endMs - row.startMs));
}

type Turn = TurnRecordWire;

/** A turn in one sentence: when the reply and its first words came, against which deadline, and where the values came from. */
export function turnSummary(turn: Turn): string {
  const counts = { model: 0, cache: 0, fallback: 0 };
  for (const a of turn.assessments) counts[a.source] += 1;
  const words = { model: 'from the model', cache: 'from the cache', fallback: 'fell back' } as const;
  const sources = (['model', 'cache', 'fallback'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${words[s]}`);
  const how = turn.deadlineMs === null ? ', one at a time (no deadline)' : '';
  const deadline = turn.deadlineMs === null ? '' : ` (deadline ${formatMs(turn.deadlineMs)})`;
  const n = turn.assessments.length;
  return `Turn ${turn.turn}${how}: the reply came at ${formatMs(turn.responseMs)}${deadline}, its first words at ${formatMs(turn.firstWordsMs)}. ${n} ${n === 1 ? 'assessment' : 'assessments'}${sources.length > 0 ? `: ${sources.join(', ')}` : ''}.`;
}

/** The turn's background lane in one sentence. */
export function backgroundSummary(background: Turn['background']): string {
  if (background.jobs === 0) return 'Background lane: no jobs for this turn.';
  const prefetch = background.prefetch > 0 ? ` (${background.prefetch} prefetch)` : '';
  const running = background.pending > 0 ? `, ${background.pending} still running` : ', all done';
  return `Background lane: ${background.jobs} ${background.jobs === 1 ? 'job' : 'jobs'}${prefetch}${running}. Queued after the reply, never awaited by it.`;
}

/** An axis tick: bare numbers, the unit on the last ("0 … 500 ms"; seconds from a 2 s axis). */
export function tickLabel(ms: number, maxMs: number, last: boolean): string {
  const seconds = maxMs >= 2_000;
  const value = seconds ? String(Math.round(ms / 10) / 100) : String(Math.round(ms));
  return last ? `${value} ${seconds ? 's' : 'ms'}` : value;
}

/** How a label sits on its mark, so none runs off the axis: from its left edge, centred, or to its right edge. */
export function anchorOf(at: number): 'start' | 'middle' | 'end' {
  if (at < 12) return 'start';
  if (at > 88) return 'end';
  return 'middle';
}
