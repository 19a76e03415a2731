import type { Brain } from '../brain/brain.ts';
import type { Model } from '../brain/model.ts';
import type { Budget } from '../scheduler/budget.ts';
import type { SchedulerConfig } from '../scheduler/types.ts';
import type { AnyAsk } from '../brain/ask.ts';
import type { BrainChoice } from './brainFor.ts';
import { DEFAULT_MODEL, endpointOrigin, hostOf, type ConfigProblem, type SandboxConfig } from '../protocol/config.ts';
import { listModels, type ModelsCheck } from '../brain/openaiModels.ts';
import { DEFAULT_OPENAI_MODEL } from '../brain/openaiBrain.ts';
import { KeyBinding } from './keyBinding.ts';
import { keyIdOf, type KeyBudgets } from './keyBudgets.ts';

/** What agents think with now, under whose budget, and what the page should be told. */
export interface Choice {
  readonly model: Model<AnyAsk, unknown>;
  readonly budget: Budget;
  /** A live model: its failures deserve banners (the mock's are on purpose). */
  readonly live: boolean;
  /** A new live model was made: the old one's failures no longer apply. */
  readonly fresh: boolean;
  /** The banner for Gemini without a key (null: none). A key that may not go where calls go is
   * said by the page's consent prompt instead, from `keyState`. */
  readonly missingKey: string | null;
  /** The banner for a base URL that was refused: live calls stay off until it is fixed. */
  readonly badEndpoint: string | null;
}

/** Where the key stands, as the page may know it (never the key itself). */
export interface KeyState {
  readonly hasKey: boolean;
  readonly keyOrigins: string[];
  readonly keyBlocked: { readonly origin: string; readonly host: string } | null;
}

/** What a configure command may say about the key. */
export interface KeyWords {
  readonly apiKey?: string | undefined;
  readonly keyOrigins?: readonly string[] | undefined;
  readonly allowOrigin?: string | undefined;
}

/**
 * Chooses the model agents think with: Gemini, with the key's budget, when a key is set and may
 * go where calls would go; an OpenAI-compatible server at its base URL, with or without a key
 * (a key it has goes only there; without one the budget is the endpoint's); otherwise the mock,
 * with the mock's budget. A new live choice (brain, model, endpoint, temperature, tokens, key)
 * gets a fresh live brain; anything else keeps the one in use.
 */
export class LiveChoice {
  private readonly key = new KeyBinding();
  private live: { model: Brain; choice: string } | undefined;
  /** A base URL the user asked for that is not a URL: calls must not go anywhere else instead. */
  private refusedBaseUrl: string | null = null;

  constructor(
    private readonly makeLive: (choice: BrainChoice) => Brain,
    readonly budgets: KeyBudgets,
  ) {}

  /**
   * A key given now is bound to where live calls go now, unless the page says where it was
   * given before (a remembered key); the same key given again is consent for where calls go now.
   */
  bindKey(words: KeyWords, config: SandboxConfig): ConfigProblem | null {
    const endpoint = endpointOrigin(config.baseUrl);
    const { apiKey, keyOrigins, allowOrigin } = words;
    // An HTTP header carries only Latin-1, and API keys are plain ASCII: a key with anything
    // else (a stray quote from a word processor, a non-breaking space) could never be sent,
    // and every call would fail before leaving. Refuse it here, where it can be said.
    if (apiKey !== undefined && !/^[\x21-\x7e]*$/.test(apiKey.trim())) {
      return { key: 'apiKey', message: 'The API key has characters an API key cannot have (only letters, digits and punctuation, no spaces); it was not used. Paste it again from its source.' };
    }
    if (apiKey !== undefined) {
      if (!this.key.isSame(apiKey)) this.key.set(apiKey, keyOrigins ?? [endpoint]);
      else if (keyOrigins === undefined) this.key.allow(endpoint);
    }
    if (allowOrigin !== undefined && allowOrigin === endpoint) this.key.allow(endpoint);
    return null;
  }

  /**
   * Notes what a configure did to the base URL: a refused value (e.g. `127.0.0.1:8787`, no
   * scheme) stops live calls until a good one is set, rather than letting the key go to the
   * endpoint in force (Google's) that the user never meant.
   */
  noteBaseUrl(raw: Readonly<Record<string, unknown>>, refused: boolean): void {
    if (refused) this.refusedBaseUrl = typeof raw.baseUrl === 'string' ? raw.baseUrl : String(raw.baseUrl);
    else if ('baseUrl' in raw) this.refusedBaseUrl = null;
  }

  keyState(config: SandboxConfig): KeyState {
    const endpoint = endpointOrigin(config.baseUrl);
    return {
      hasKey: this.key.hasKey,
      keyOrigins: [...this.key.allowedOrigins],
      keyBlocked: this.blocked(config) ? { origin: endpoint, host: hostOf(endpoint) } : null,
    };
  }

  choose(config: SandboxConfig, mock: Model<AnyAsk, unknown>): Choice {
    const endpoint = endpointOrigin(config.baseUrl);
    const badEndpoint = badEndpointOf(config, this.refusedBaseUrl);
    const apiKey = config.brain !== 'mock' && badEndpoint === null ? this.key.keyFor(endpoint) : '';
    const missingKey = config.brain === 'gemini' && !this.key.hasKey
      ? 'Gemini is selected but no API key is set: agents think with the mock brain until you enter one.'
      : null;
    // The key's day and minute are shown whether or not calls may use it now.
    if (this.key.hasKey) this.budgets.forKey(this.key.current);
    // An OpenAI-compatible server (a local Ollama) needs no key; its budget is then its endpoint's.
    if (config.brain === 'openai' && badEndpoint === null && !this.blocked(config)) return this.liveChoice(config, apiKey, apiKey === '' ? `endpoint:${endpoint}` : apiKey, missingKey);
    if (apiKey === '') {
      const fresh = this.live !== undefined;
      this.live = undefined;
      return { model: mock, budget: this.budgets.mock, live: false, fresh, missingKey, badEndpoint };
    }
    return this.liveChoice(config, apiKey, apiKey, missingKey);
  }

  /** The live brain for these settings and key (a fresh one when any of them changed), under `budgetKey`'s budget. */
  private liveChoice(config: SandboxConfig, apiKey: string, budgetKey: string, missingKey: string | null): Choice {
    const choice = [config.brain, config.model, config.baseUrl, config.temperature, config.maxTokens, apiKey === '' ? 'no key' : keyIdOf(apiKey)].join('|');
    const fresh = this.live?.choice !== choice;
    if (!this.live || fresh) this.live = { model: this.makeLive({ ...config, apiKey }), choice };
    return { model: this.live.model, budget: this.budgets.forKey(budgetKey), live: true, fresh, missingKey, badEndpoint: null };
  }

  /**
   * The connection test of an OpenAI-compatible server: its models (`GET /models`) with the key
   * bound to that endpoint, if any (a key goes nowhere else), or what went wrong in a sentence.
   */
  testConnection(config: SandboxConfig): Promise<ModelsCheck> {
    if (config.baseUrl === '') return Promise.resolve({ ok: false, reason: 'other', message: 'Set the server\'s base URL first (for Ollama, http://localhost:11434/v1).' });
    const apiKey = this.key.keyFor(endpointOrigin(config.baseUrl));
    return listModels(config.baseUrl, apiKey === '' ? undefined : apiKey, { model: config.model === DEFAULT_MODEL ? DEFAULT_OPENAI_MODEL : config.model });
  }

  /** A live brain is chosen and a key is set, but not for the endpoint that calls would go to. */
  private blocked(config: SandboxConfig): boolean {
    return config.brain !== 'mock' && this.key.blockedAt(endpointOrigin(config.baseUrl));
  }
}

/** Why live calls are off for a base URL: one that was refused, or none for an OpenAI-compatible server; null when fine. */
function badEndpointOf(config: SandboxConfig, refused: string | null): string | null {
  if (config.brain === 'mock') return null;
  if (refused !== null) return `The API base URL '${refused.slice(0, 80)}' is not a URL (it needs http:// or https://), so live calls are off until it is fixed; agents think with the mock brain.`;
  if (config.brain === 'openai' && config.baseUrl === '') return 'An OpenAI-compatible server needs its base URL (for Ollama, http://localhost:11434/v1): agents think with the mock brain until one is set.';
  return null;
}

/** Says why no more than `cap` calls run at once, when the settings would allow more. */
export function connectionCapNotice(config: SandboxConfig, cap: number | undefined): string | null {
  if (cap === undefined || config.strategy === 'sequential' || config.concurrency <= cap) return null;
  return `Live calls to ${hostOf(endpointOrigin(config.baseUrl))} run at most ${cap} at a time: a browser opens only ${cap} connections to a plain http:// server (HTTP/1.1), so the others wait in line, as the timeline shows. Google's https endpoint speaks HTTP/2 and has no such cap.`;
}

/** The scheduler's settings for the sandbox's; the day's limit is the live key's, the mock has none. */
export function schedulerConfigOf(config: SandboxConfig, live: boolean): Partial<SchedulerConfig> {
  return {
    strategy: config.strategy,
    rpm: config.rpm,
    concurrency: config.concurrency,
    timeoutMs: config.timeout,
    dailyLimit: live ? config.dailyLimit : 0,
  };
}
