/**
 * The narration log's entries: each turn's action and reply (from the view's log), with the rest
 * of the reply (the world's consequence and each villager's line) when the turn is still among
 * the view's recent turns. Pure, so it is tested without a browser.
 */
import type { GameMasterViewWire } from '../../protocol/gamemasterScene.ts';

type LogEntry = GameMasterViewWire['log'][number];
type TurnRecord = GameMasterViewWire['turns'][number];

export interface NarrationEntry {
  readonly turn: number;
  readonly action: string;
  readonly text: string;
  /** Where the narration came from; anything but the model is marked. */
  readonly source: LogEntry['source'];
  /** The rest of the reply, or none when the turn's record is gone. */
  readonly lines: readonly string[];
  /** Assessments of the turn that used their fallback. */
  readonly fellBack: number;
  readonly mode: TurnRecord['mode'] | null;
}

/** The log, oldest first, each entry with its turn's lines. */
export function narrationEntries(log: readonly LogEntry[], turns: readonly TurnRecord[]): NarrationEntry[] {
  const byTurn = new Map(turns.map((record) => [record.turn, record]));
  return log.map((entry) => {
    const record = byTurn.get(entry.turn);
    return {
      turn: entry.turn,
      action: entry.action,
      text: entry.text,
      source: entry.source,
      lines: record?.lines.filter((line) => line.trim() !== '') ?? [],
      fellBack: record?.assessments.filter((a) => a.source === 'fallback').length ?? 0,
      mode: record?.mode ?? null,
    };
  });
}

/** The discreet mark beside a reply that was not the model's own words now, or null. */
export function sourceMark(source: LogEntry['source']): string | null {
  if (source === 'cache') return 'cached';
  if (source === 'fallback') return 'fallback';
  return null;
}

/** A turn's note under its reply: how many assessments fell back, and whether it ran one at a time. */
export function turnNote(entry: NarrationEntry): string | null {
  const parts: string[] = [];
  if (entry.mode === 'sequential') parts.push('one at a time');
  if (entry.fellBack > 0) parts.push(`${entry.fellBack} ${entry.fellBack === 1 ? 'assessment' : 'assessments'} fell back`);
  return parts.length === 0 ? null : parts.join(' · ');
}
