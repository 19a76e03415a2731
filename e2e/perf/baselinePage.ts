/**
 * What the two baseline pages of `npm run perf` share (`bare.ts`, `stageOnly.ts`): their size
 * from the URL (`?n=N&w=W&h=H`, N dots or agents on a stage of W×H px, like the app's), a
 * seeded generator so every run walks the same way (Math.random would differ per run), and the
 * flag `scenes.ts` waits for before it measures.
 */

declare global {
  interface Window {
    /** Set once the first frame with every dot or agent has been drawn; scenes.ts waits for it. */
    bareReady?: boolean;
  }
}

export interface PageSize {
  readonly count: number;
  readonly width: number;
  readonly height: number;
}

/** The page's size from its URL's query. */
export function pageSize(params: URLSearchParams): PageSize {
  return {
    count: Math.max(0, Math.floor(Number(params.get('n') ?? '1000'))),
    width: Math.max(1, Math.floor(Number(params.get('w') ?? '1000'))),
    height: Math.max(1, Math.floor(Number(params.get('h') ?? '800'))),
  };
}

/** A tiny seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Tells the harness the page is drawing. */
export function markReady(): void {
  window.bareReady = true;
}
