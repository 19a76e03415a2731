import type { Brain } from '../brain/brain.ts';
import { GeminiBrain } from '../brain/geminiBrain.ts';
import { DEFAULT_OPENAI_MODEL, OpenAiBrain } from '../brain/openaiBrain.ts';
import { DEFAULT_MODEL } from '../protocol/config.ts';

/** What decides which live brain the worker uses. */
export interface BrainChoice {
  readonly brain: 'mock' | 'gemini' | 'openai';
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

/**
 * The live brain for a choice: Gemini, or an OpenAI-compatible endpoint at the base URL (a local
 * Ollama needs no key; one given goes only there). Gemini's default model name means nothing to
 * such a server, so it asks for a common local model instead.
 */
export function liveFor(choice: BrainChoice): Brain {
  if (choice.brain !== 'openai') return geminiFor(choice);
  return new OpenAiBrain({
    baseUrl: choice.baseUrl,
    model: choice.model === DEFAULT_MODEL ? DEFAULT_OPENAI_MODEL : choice.model,
    temperature: choice.temperature,
    maxOutputTokens: choice.maxTokens,
    ...(choice.apiKey === '' ? {} : { apiKey: choice.apiKey }),
  });
}
