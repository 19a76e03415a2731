/**
 * Colours in one place so the legend in ui/ can be matched by eye and a theme change is one edit.
 */
import type { AGENT_STATES, AgentStateName, WorldMessage } from '../protocol/protocol.ts';

/** The canvas clear colour, which is also the floor (see gridView.ts for why). */
export const BACKGROUND = 0x0b1020;
export const WALL = 0x2a3557;
export const GRID_LINE = 0x161f3a;
export const GRID_EDGE = 0x33406a;

/** Agent tint per state; a Record, so a state without a colour fails to compile. */
export const STATE_COLORS: Readonly<Record<AgentStateName, number>> = {
  idle: 0x8a94a8, // slate grey
  queued: 0xffb020, // amber
  thinking: 0x22e6ff, // cyan
  decided: 0x3dff7a, // green
  fellBack: 0xff3df0, // magenta
  retrying: 0xff3b3b, // red
};

/**
 * The states in the order of their codes in a tick's `states` array (`AGENT_STATES` in
 * protocol.ts). render may import only the protocol's types, so this is a copy that the
 * compiler checks: a state added, dropped or moved there fails to compile here.
 */
const BY_CODE = ['idle', 'queued', 'thinking', 'decided', 'fellBack', 'retrying'] as const satisfies typeof AGENT_STATES;

/** The tints indexed by state code, as the renderer reads them per tick. */
export const STATE_COLORS_BY_CODE: readonly number[] = BY_CODE.map((state) => STATE_COLORS[state]);

/**
 * A community persona's belief on the chosen topic, from −1 (against: orange) through 0 (pale
 * grey) to +1 (for: blue), in 11 steps: a diverging scale whose two hues colour-blind viewers
 * tell apart, bright enough for the dark floor. Index with `beliefBin`.
 */
export const BELIEF_PALETTE: readonly number[] = [
  0xff6a00, 0xff8a2a, 0xffa552, 0xffc285, 0xffdfbd, 0xe6e6e6, 0xc6dcff, 0x9cc3ff, 0x72a9ff, 0x4a8dff, 0x2a6fff,
];

/** A persona whose call fell back this phase (its belief kept): dim, so a class sees who did not answer. */
export const GREYED = 0x5a6072;

/**
 * The palette step of a belief in [−1, 1] (clamped; ticks carry hundredths, so divide by 100
 * first). Rounded away from 0 alike on both sides, so +b and −b get mirrored steps.
 */
export function beliefBin(belief: number): number {
  const middle = (BELIEF_PALETTE.length - 1) / 2;
  if (!Number.isFinite(belief)) return middle;
  const clamped = Math.max(-1, Math.min(1, belief));
  return middle + Math.sign(clamped) * Math.round(Math.abs(clamped) * middle);
}

/** The line that joins two personas while they chat. */
export const CHAT_LINK = 0xffe066;

type PoiKind = WorldMessage['pois'][number]['kind'];

export const POI_COLORS: Readonly<Record<PoiKind, number>> = {
  water: 0x2f7dff,
  food: 0x8fbf2a,
  plaza: 0x9b5cff,
  library: 0xffb347,
};

export const SELECTION = 0xffffff;
export const BUBBLE_FILL = 0x0f1730;
export const BUBBLE_EDGE = 0x22e6ff;
export const BUBBLE_TEXT = 0xe8f1ff;
