import type { Decision, DecisionRequest } from '../sim/types.ts';
import type { Ask } from './ask.ts';
import { mockDecision } from './mockPolicy.ts';
import { buildPrompt, geminiResponseSchema, parseDecisionReply } from './prompt.ts';

/** A grid agent's decision as a question for any model: the prompt, the reply shape, the mock's answer. */
export function decisionAsk(request: DecisionRequest): Ask<Decision> {
  return {
    draw: { seed: request.seed, who: request.agentId, when: request.tick },
    prompt: () => buildPrompt(request),
    schema: geminiResponseSchema,
    parse: parseDecisionReply,
    answer: () => mockDecision(request),
    label: `Mock brain: decide for ${request.name} (agent ${request.agentId}) at tick ${request.tick}, goal ${request.goal}.`,
  };
}
