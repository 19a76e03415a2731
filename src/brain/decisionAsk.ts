import type { Decision, DecisionRequest } from '../sim/types.ts';
import type { Ask } from './ask.ts';
import { mockDecision } from './mockPolicy.ts';
import { buildPrompt, geminiResponseSchema, parseDecisionReply } from './prompt.ts';

/** A decision ask keeps its request, which its shared methods read (no closures per ask). */
interface DecisionAsk extends Ask<Decision> {
  readonly request: DecisionRequest;
}

/**
 * A grid agent's decision as a question for any model: the prompt, the reply shape, the mock's
 * answer. The methods are shared and read the ask's own `request` (`this`), not closures made
 * for each ask: a batch makes thousands of asks at once, all alive until their calls answer.
 */
export function decisionAsk(request: DecisionRequest): Ask<Decision> {
  const ask: DecisionAsk = {
    request,
    draw: { seed: request.seed, who: request.agentId, when: request.tick },
    prompt: promptOfAsk,
    schema: geminiResponseSchema,
    parse: parseDecisionReply,
    answer: answerOfAsk,
    label: `Mock brain: decide for ${request.name} (agent ${request.agentId}) at tick ${request.tick}, goal ${request.goal}.`,
  };
  return ask;
}

function promptOfAsk(this: DecisionAsk): string {
  return buildPrompt(this.request);
}

function answerOfAsk(this: DecisionAsk): Decision {
  return mockDecision(this.request);
}
