/**
 * The turn the page itself played: its action at once, then its reply when `act` resolves. The
 * scene reaches the page at most 4 times a second, so for a moment the reply is known here
 * before the log has it; the log shows it from here until then, instead of flickering.
 */
import type { LastTurnWire } from '../../protocol/gamemasterScene.ts';

export interface PlayingTurn {
  readonly action: string;
  /** Null while the turn plays. */
  readonly reply: LastTurnWire | null;
}

/** What the log shows after its entries: the turn in play (streaming or not yet in the log), or null. */
export function liveEntry(playing: PlayingTurn | null, streaming: string | null, newestLogged: number): { action: string | null; text: string; done: boolean } | null {
  if (playing && playing.reply && playing.reply.turn > newestLogged) return { action: playing.action, text: playing.reply.narration, done: true };
  if (streaming !== null) return { action: playing?.reply === null ? playing.action : null, text: streaming, done: false };
  if (playing && playing.reply === null) return { action: playing.action, text: '', done: false };
  return null;
}
