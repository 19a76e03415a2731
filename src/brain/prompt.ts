/**
 * The text protocol between an agent and a language model: the prompt we send, the response
 * schema we ask for, and the parsing of the reply text back into a Decision. Nothing here knows
 * an SDK, so swapping the Gemini client touches only `geminiBrain.ts`.
 */
import { DIRECTIONS, STEPS, type Decision, type DecisionRequest, type Perception } from '../sim/types.ts';
import { ModelError } from './errors.ts';
import { parseDecision } from './schema.ts';

/** How many perceived things and memories go into a prompt: enough to act on, cheap to send. */
const MAX_SEEN = 8;
const MAX_MEMORIES = 5;
/** Caps text that comes from other agents, so one chatty neighbour cannot flood a prompt. */
const MAX_QUOTE = 120;

/**
 * A subset of OpenAPI 3.0 schema objects, written without SDK enums. Its `type` strings are the
 * values of `SchemaType` in `@google/generative-ai`; `geminiBrain.ts` maps it to the SDK type.
 * `minimum` and `maximum` are fields of the API's Schema that the SDK's types do not list yet.
 */
export type PortableSchema =
  | {
      readonly type: 'object';
      readonly properties: Readonly<Record<string, PortableSchema>>;
      readonly required?: readonly string[];
      readonly description?: string;
    }
  | { readonly type: 'string'; readonly enum?: readonly string[]; readonly description?: string }
  | {
      readonly type: 'number' | 'integer';
      readonly minimum?: number;
      readonly maximum?: number;
      readonly description?: string;
    }
  | { readonly type: 'boolean'; readonly description?: string }
  | {
      readonly type: 'array';
      readonly items: PortableSchema;
      readonly minItems?: number;
      readonly maxItems?: number;
      readonly description?: string;
    };

/** The response schema sent to Gemini; it mirrors `decisionSchema` in `schema.ts`. */
export const geminiResponseSchema = {
  type: 'object',
  properties: {
    thought: { type: 'string', description: 'One short sentence: what you think right now.' },
    plan: { type: 'string', description: 'A short plan for your next few moves.' },
    action: {
      type: 'string',
      enum: DIRECTIONS,
      description: 'The step you take every tick until you decide again.',
    },
    say: { type: 'string', description: 'Optional short words to agents nearby.' },
  },
  required: ['thought', 'plan', 'action'],
} as const satisfies PortableSchema;

/** Builds the prompt that tells a model who the agent is, what it sees and how to answer. */
export function buildPrompt(request: DecisionRequest): string {
  const traits = request.traits.length > 0 ? request.traits.join(', ') : 'none in particular';
  const lines = [
    `You are ${request.name}, an agent living on a 2D grid world.`,
    `Traits: ${traits}. Goal: ${request.goal.replace(/-/g, ' ')}.`,
    `Position: x ${request.x}, y ${request.y} (tick ${request.tick}).`,
    `Needs (0 = satisfied, 1 = desperate): hunger ${fixed(request.needs.hunger)}, thirst ${fixed(request.needs.thirst)}.`,
    'Directions: N = north (y - 1), S = south (y + 1), E = east (x + 1), W = west (x - 1).',
    'Offsets below are dx east, dy south; a negative dx is west, a negative dy is north.',
    '',
    ...describePerception(request.perception),
    '',
    'Your memories, newest first:',
    ...bulleted(request.memories.slice(0, MAX_MEMORIES).map((memory) => quote(memory))),
    `Your last plan: ${request.lastPlan === '' ? '(none yet)' : quote(request.lastPlan)}`,
    '',
    'Decide what to do next. Answer with one JSON object and nothing else:',
    '{"thought": one short sentence, "plan": a short plan for the next moves,',
    ` "action": one of ${DIRECTIONS.map((d) => `"${d}"`).join(', ')} (the step you repeat every tick until you decide again),`,
    ' "say": optional short words to agents nearby}',
  ];
  return lines.join('\n');
}

/** Parses a model's reply text into a Decision, or throws a ModelError 'bad-output' naming the problem. */
export function parseDecisionReply(raw: string): Decision {
  const text = stripCodeFence(raw.trim());
  if (text === '') throw new ModelError('bad-output', 'The model sent an empty reply.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelError('bad-output', 'The model reply is not valid JSON.', { cause: error });
  }
  const parsed = parseDecision(value);
  if (!parsed.ok) {
    throw new ModelError('bad-output', `The model reply does not match the decision schema (${parsed.problem}).`);
  }
  return parsed.decision;
}

function describePerception(perception: Perception): string[] {
  const agents = perception.agents
    .slice(0, MAX_SEEN)
    .map((seen) => `${seen.name} at ${offset(seen.dx, seen.dy)}${seen.say === '' ? '' : `, saying ${quote(seen.say)}`}`);
  const pois = perception.pois.slice(0, MAX_SEEN).map((poi) => `${poi.kind} "${poi.name}" at ${offset(poi.dx, poi.dy)}`);
  const blocked = STEPS.filter((direction) => perception.blocked[direction]);
  return [
    'Agents you see:',
    ...bulleted(agents),
    'Places you see:',
    ...bulleted(pois),
    `Blocked next to you: ${blocked.length > 0 ? blocked.join(', ') : 'nothing'}.`,
  ];
}

function bulleted(items: readonly string[]): string[] {
  return items.length > 0 ? items.map((item) => `- ${item}`) : ['- none'];
}

/** Agents walk one cell N/E/S/W per tick, so the walking distance is Manhattan. */
function offset(dx: number, dy: number): string {
  const distance = Math.abs(dx) + Math.abs(dy);
  return `dx ${signed(dx)}, dy ${signed(dy)} (${distance} ${distance === 1 ? 'step' : 'steps'} away)`;
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

function fixed(value: number): string {
  return value.toFixed(2);
}

/** JSON quoting keeps words from other agents visibly separate from our instructions. */
function quote(text: string): string {
  const clipped = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
  return JSON.stringify(clipped);
}

/** Models sometimes wrap JSON in a Markdown fence even when asked for JSON only. */
function stripCodeFence(text: string): string {
  const match = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i.exec(text);
  return match?.[1]?.trim() ?? text;
}
