/** Bubble text shaping, pure so it is tested without a canvas. */

/** Longest thought shown in full; the inspector panel has the rest. */
export const THOUGHT_MAX_CHARS = 120;

/** Cuts `text` to `max` characters, at a word boundary when one is near, with an ellipsis. */
export function clipThought(text: string, max = THOUGHT_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
