import type { Decision, DecisionRequest } from '../sim/types.ts';
import type { CallOptions, Model, ModelReply } from './model.ts';

/** Which kind of brain answered. */
export type BrainSource = 'gemini' | 'mock';

/** A model that decides for grid agents. */
export interface Brain extends Model<DecisionRequest, Decision> {
  readonly source: BrainSource;
  /** Same as `call`: kept under the name the rest of the docs use. */
  decide(request: DecisionRequest, options: CallOptions): Promise<ModelReply<Decision>>;
}
