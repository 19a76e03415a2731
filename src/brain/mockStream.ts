/**
 * How the mock brain streams: its answer's words spread over its latency, so a page shows the
 * first words of a mock reply before the whole, as it would from a live model that streams.
 */
import type { Clock, TimerHandle } from '../clock/clock.ts';
import { abortReason } from '../clock/clock.ts';
import type { AbortLike } from '../clock/abortLine.ts';

/** The first words arrive after this share of the latency (a model's time to first token). */
export const FIRST_WORDS_AT = 0.25;
/** At most this many steps per reply, so a long answer does not set a timer per word. */
export const MAX_STEPS = 40;

/** One step of a stream: the text so far, `atMs` after the call started. */
export interface StreamStep {
  readonly atMs: number;
  readonly text: string;
}

/**
 * The text a mock answer streams: a string as it is, else its `text` or `narration` field when
 * that is a string, else its JSON (what a live model would have sent for it).
 */
export function streamedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const fields = value as { readonly text?: unknown; readonly narration?: unknown };
    if (typeof fields.text === 'string') return fields.text;
    if (typeof fields.narration === 'string') return fields.narration;
  }
  // JSON.stringify gives undefined for undefined (and functions), whatever its type says.
  const json = JSON.stringify(value) as string | undefined;
  return json ?? '';
}

/**
 * When each prefix of `text` is heard: word by word (or a few words a step for a long text),
 * the first at FIRST_WORDS_AT of the latency, evenly after, the whole text at exactly the latency.
 */
export function streamSchedule(text: string, latencyMs: number): StreamStep[] {
  // Split where a word starts, so every piece keeps its trailing space and they join back exactly.
  const words = text.split(/(?<=\s)(?=\S)/).filter((word) => word !== '');
  if (words.length <= 1) return [{ atMs: latencyMs, text }];
  const steps = Math.min(words.length, MAX_STEPS);
  const first = latencyMs * FIRST_WORDS_AT;
  return Array.from({ length: steps }, (_, index) => {
    const last = index === steps - 1;
    return {
      atMs: last ? latencyMs : first + ((latencyMs - first) * index) / (steps - 1),
      text: last ? text : words.slice(0, Math.round(((index + 1) * words.length) / steps)).join(''),
    };
  });
}

/**
 * Plays a schedule on the clock, telling `onText` each step, and resolves at the last one.
 * Every timer is set at the start, from the same instant, so the end falls at exactly the
 * latency (as a plain sleep would); an abort clears them all and rejects with its reason.
 */
export function playStream(clock: Clock, steps: readonly StreamStep[], onText: (textSoFar: string) => void, signal: AbortLike): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const handles: TimerHandle[] = [];
    const onAbort = (): void => {
      for (const handle of handles) clock.clearTimeout(handle);
      reject(abortReason(signal));
    };
    steps.forEach((step, index) => {
      handles.push(
        clock.setTimeout(() => {
          if (step.text !== '') tell(onText, step.text);
          if (index === steps.length - 1) {
            signal.removeEventListener('abort', onAbort);
            resolve();
          }
        }, step.atMs),
      );
    });
    if (steps.length === 0) resolve();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A listener's fault (a UI callback) must not fail the call, nor throw inside a timer. */
function tell(onText: (textSoFar: string) => void, text: string): void {
  try {
    onText(text);
  } catch {
    // ignored on purpose: the answer is still good
  }
}
