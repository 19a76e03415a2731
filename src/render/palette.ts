/**
 * Colours in one place so the legend in ui/ can be matched by eye and a theme change is one edit.
 * Indexed by the AGENT_STATES codes of worker/protocol.ts.
 */
import type { WorldMessage } from '../protocol/protocol.ts';

/** The canvas clear colour, which is also the floor (see gridView.ts for why). */
export const BACKGROUND = 0x0b1020;
export const WALL = 0x2a3557;
export const GRID_LINE = 0x161f3a;
export const GRID_EDGE = 0x33406a;

/** Agent tint per state code: idle, queued, thinking, decided, fellBack, retrying. */
export const STATE_COLORS: readonly number[] = [
  0x8a94a8, // idle: slate grey
  0xffb020, // queued: amber
  0x22e6ff, // thinking: cyan
  0x3dff7a, // decided: green
  0xff3df0, // fellBack: magenta
  0xff3b3b, // retrying: red
];

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
