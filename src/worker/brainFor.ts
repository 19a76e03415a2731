import type { Brain } from '../brain/brain.ts';
import { GeminiBrain } from '../brain/geminiBrain.ts';

/** What decides which live brain the worker uses. */
export interface BrainChoice {
  readonly brain: 'mock' | 'gemini';
  readonly apiKey: string;
  readonly model: string;
  /** '' for Google's endpoint. */
  readonly baseUrl: string;
  readonly temperature: number;
  readonly maxTokens: number;
}

/** The Gemini brain for a choice; the key goes only to the configured endpoint. */
export function geminiFor(choice: BrainChoice): Brain {
  return new GeminiBrain({
    apiKey: choice.apiKey,
    model: choice.model,
    temperature: choice.temperature,
    maxOutputTokens: choice.maxTokens,
    ...(choice.baseUrl === '' ? {} : { baseUrl: choice.baseUrl }),
  });
}
