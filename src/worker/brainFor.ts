import type { Brain } from '../brain/brain.ts';
import { GeminiBrain } from '../brain/geminiBrain.ts';
import type { Model } from '../brain/model.ts';
import { DailyLimitedModel, type DayCount } from '../scheduler/dailyLimit.ts';
import type { Decision, DecisionRequest } from '../sim/types.ts';
import type { SandboxConfig } from './config.ts';


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

type DecisionModel = Model<DecisionRequest, Decision>;

/**
 * Chooses the model agents think with: the mock, or Gemini behind the day's request counter.
 * The count survives brain swaps (a new key, model or limit) and, through `restore`, reloads.
 */
export class LiveBrains {
  private daily: DailyLimitedModel<DecisionRequest, Decision> | undefined;
  private saved: DayCount | undefined;

  constructor(
    private readonly makeGemini: (choice: BrainChoice) => Brain,
    private readonly today: () => string,
  ) {}

  /** Continues counting from a count saved earlier today (ignored if it is another day's). */
  restore(usage: DayCount): void {
    this.saved = usage;
  }

  /** Live requests sent today. */
  usage(): DayCount {
    return this.daily?.usage() ?? (this.saved?.day === this.today() ? this.saved : { day: this.today(), count: 0 });
  }

  /** Whether the choice asks for Gemini but has no key to call it with. */
  static missingKey(config: SandboxConfig, apiKey: string): boolean {
    return config.brain === 'gemini' && apiKey === '';
  }

  /** The model for these settings; `mock` when the mock brain is chosen or no key is set. */
  modelFor(config: SandboxConfig, apiKey: string, mock: DecisionModel): DecisionModel {
    this.saved = this.usage();
    this.daily = undefined;
    if (config.brain === 'mock' || LiveBrains.missingKey(config, apiKey)) return mock;
    const gemini = this.makeGemini({ ...config, apiKey });
    this.daily = new DailyLimitedModel(gemini, { limit: config.dailyLimit, today: this.today, start: this.saved });
    return this.daily;
  }
}
