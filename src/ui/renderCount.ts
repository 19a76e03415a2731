/**
 * Counts each panel's renders, so an end-to-end test can prove that no component renders at
 * frame rate (React's Profiler callback is switched off in production builds, where we test).
 */
const counts = new Map<string, number>();

/** Call at the top of a component's body: one count per render. */
export function countRender(name: string): void {
  counts.set(name, (counts.get(name) ?? 0) + 1);
}

/** Renders so far, by component name. */
export function renderCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}
