import type { Brain } from '../brain/brain.ts';
import { GeminiBrain } from '../brain/geminiBrain.ts';

/** What decides which live brain the worker uses. */
export interface BrainChoice {
  readonly brain: 'mock' | 'gemini';
  readonly apiKey: string;
  readonly model: string;
  /** '' for Google's endpoint. */
  readonly baseUrl: string;
}

/** The Gemini brain for a choice; the key goes only to the configured endpoint. */
export function brainFor(choice: BrainChoice): Brain {
  return new GeminiBrain({
    apiKey: choice.apiKey,
    model: choice.model,
    ...(choice.baseUrl === '' ? {} : { baseUrl: choice.baseUrl }),
  });
}
