/**
 * The worker's side of save, load and checkpoints: the run as a save file, a save file as a
 * world ready to run, and the timer that posts a checkpoint every few seconds for the page to
 * restart from. The format and its checks are `protocol/saveFile.ts`; the world's conversion is
 * `sim/serialize.ts`.
 */
import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { SandboxConfig } from '../protocol/config.ts';
import { newSave, readSave, type SaveFile } from '../protocol/saveFile.ts';
import { fromSaved, resumable, toSaved } from '../sim/serialize.ts';
import type { WorldState } from '../sim/types.ts';

/** How often a checkpoint is posted, on the session's clock. */
export const CHECKPOINT_MS = 5_000;
/** Agents written to a checkpoint per turn of the event loop: a few ms of JSON with full memories. */
const AGENTS_PER_SLICE = 500;

/**
 * The run as a save: the world as the last tick left it and the settings in force, never the
 * key (the settings have no field for it). Answers that arrived since that tick are not in it:
 * their agents are saved as still thinking, and ask again after a load (see `loadOf`).
 * The call log lives in the page (`ui/timeline/callLog.ts`), so the page adds it when asked to.
 */
export function saveOf(world: WorldState, settings: SandboxConfig, savedAt = new Date()): SaveFile {
  return newSave({ settings, world: toSaved(world), savedAt });
}

export type Loaded =
  | { readonly ok: true; readonly world: WorldState; readonly settings: SandboxConfig }
  | { readonly ok: false; readonly error: string };

/**
 * A save (an object, its JSON text, or that text in parts as a checkpoint carries it) checked
 * and made ready to run, or the one sentence that says why it cannot be.
 * Agents saved while waiting for an answer are set to ask again on the first tick
 * (`resumable`): their calls belonged to the session that made the save, and re-sending the
 * old request instead would answer what they saw then, late, so the run could not be the one
 * that was saved either way; asking afresh at least asks about now.
 */
export function loadOf(value: unknown): Loaded {
  const read = readSave(isTextParts(value) ? value.join('') : value);
  if (!read.ok) return read;
  return { ok: true, world: resumable(fromSaved(read.save.world)), settings: read.save.settings };
}

/**
 * A save as JSON text, a slice of agents at a time: the caller runs one slice per turn of the
 * event loop, so ticks go on between them. The world cannot change underneath: states are
 * never mutated, and this holds the one it was given. Text, not an object, because a string
 * crosses postMessage in about a millisecond where the same save as objects is cloned field by
 * field on both sides (about 10 ms at 1,000 agents, 200 ms at 10,000; saveRun.test.ts), and the
 * page only keeps it to hand back to `load`, which reads text.
 *
 * The text is returned in its parts, unjoined (`loadOf` joins them): joining 9 MB at 10,000
 * agents took 11-21 ms in one piece, longer than any slice, and a checkpoint is rarely loaded.
 */
export function* saveText(save: SaveFile, perSlice = AGENTS_PER_SLICE): Generator<void, SaveTextParts, void> {
  const { world, ...rest } = save;
  const { agents, ...place } = world;
  // Both objects have fields, so each text ends in "}" and takes a "," before the next field.
  const parts = [`${JSON.stringify(rest).slice(0, -1)},"world":${JSON.stringify(place).slice(0, -1)},"agents":[`];
  for (let from = 0; from < agents.length; from += perSlice) {
    if (from > 0) yield;
    parts.push(`${from > 0 ? ',' : ''}${JSON.stringify(agents.slice(from, from + perSlice)).slice(1, -1)}`);
  }
  parts.push(']}}');
  return parts;
}

/** A save's JSON text in order, in pieces: what `saveText` writes and a checkpoint carries. */
export type SaveTextParts = readonly string[];

function isTextParts(value: unknown): value is SaveTextParts {
  return Array.isArray(value) && value.length > 0 && value.every((part) => typeof part === 'string');
}

/** What a checkpoint is taken of: the world of the moment and the settings in force. */
export interface RunState {
  readonly world: WorldState;
  readonly settings: SandboxConfig;
}

/**
 * Posts a checkpoint (a save as JSON text in parts, `saveText`) every `everyMs` while the run changes,
 * for a restarted worker to go on from. The session calls `touch` whenever it may have changed
 * (a tick, a command); the timer then runs until a checkpoint finds nothing new, so a paused or
 * idle session keeps no timer. Worlds and settings are replaced, never mutated, so identity
 * says whether anything changed. The text is written a slice of agents per turn of the event
 * loop, so even 10,000 agents never hold a tick up for long (measured in saveRun.test.ts).
 */
export class Checkpoints {
  private handle: TimerHandle | undefined;
  private last: RunState | undefined;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly current: () => RunState | undefined,
    private readonly post: (text: SaveTextParts) => void,
    private readonly everyMs = CHECKPOINT_MS,
  ) {}

  /** The run may have changed: a checkpoint is due within `everyMs`. Cheap enough for every tick. */
  touch(): void {
    if (this.handle !== undefined || this.stopped) return;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      // Something new was saved, so more is likely to come: keep the rhythm while it does.
      if (this.take()) this.touch();
    }, this.everyMs);
  }

  /** Takes a checkpoint now, unless nothing changed since the last; says whether it did. */
  take(): boolean {
    const run = this.current();
    if (!run || (run.world === this.last?.world && run.settings === this.last.settings)) return false;
    this.last = run;
    const slices = saveText(saveOf(run.world, run.settings));
    const next = (): void => {
      if (this.stopped) return;
      const slice = slices.next();
      if (slice.done) this.post(slice.value);
      else this.clock.setTimeout(next, 0);
    };
    next();
    return true;
  }

  dispose(): void {
    this.stopped = true;
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
