import type { Decision, DecisionRequest } from '../sim/types.ts';
import type { AnyAsk } from './ask.ts';
import type { CallOptions, Model, ModelReply } from './model.ts';

/** Which kind of brain answered. */
export type BrainSource = 'gemini' | 'openai' | 'mock';

/** A model that answers any scenario's asks (`ask.ts`), live or mock. */
export interface Brain extends Model<AnyAsk, unknown> {
  readonly source: BrainSource;
  /** A grid agent's decision: `call` with its ask, typed. */
  decide(request: DecisionRequest, options: CallOptions): Promise<ModelReply<Decision>>;
}
