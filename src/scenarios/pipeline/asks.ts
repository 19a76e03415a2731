/**
 * An agent step as an ask: a prompt over its inputs for a live model (zod-checked `{ text,
 * score }`), and the mock's answer, which also is the fallback: a sentence naming what it read
 * and a score from its inputs' scores and a seeded draw. The mock takes `weight` latencies.
 */
import { z } from 'zod';
import type { Ask } from '../../brain/ask.ts';
import { hash32, uniformFrom } from '../../sim/rng.ts';
import { jsonReply } from '../replySpec.ts';
import type { AgentNode, StepReply } from './types.ts';

const MAX_INPUT = 600;

export const stepReply = jsonReply<z.ZodType<StepReply>, StepReply>(
  {
    type: 'object',
    properties: {
      text: { type: 'string', description: 'Two or three sentences: your result.' },
      score: { type: 'number', minimum: 0, maximum: 1, description: 'How strong or positive the result is, 0 to 1.' },
    },
    required: ['text', 'score'],
  },
  z.object({ text: z.string().trim().min(1).max(2_000), score: z.number().min(0).max(1) }),
  (value) => value,
);

/** A node's id as a number for the draws. */
export function idNumber(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = hash32(h, id.charCodeAt(i));
  return h;
}

function clip(text: string): string {
  return text.length > MAX_INPUT ? `${text.slice(0, MAX_INPUT - 1)}…` : text;
}

/** An input's score, if it has one (a step's `score`, a tool's normalised mean). */
function scoreOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.score === 'number') return v.score;
  if (typeof v.mean === 'number') return Math.min(1, Math.max(0, v.mean / 100));
  return null;
}

/** The ask of agent step `node`, reading `inputs` (by input id). */
export function stepAsk(node: AgentNode, inputs: Readonly<Record<string, unknown>>, seed: number, run: number): Ask<StepReply> {
  const who = idNumber(node.id);
  const names = Object.keys(inputs);
  return {
    draw: { seed, who, when: run, scale: node.weight },
    prompt: () =>
      [
        `You are step "${node.id}" of a workflow. Your task: ${JSON.stringify(node.prompt)}`,
        ...(names.length === 0 ? ['You have no inputs: start from the task.'] : ['Your inputs, by the step that produced them:', ...names.map((name) => `- ${name}: ${JSON.stringify(clip(JSON.stringify(inputs[name])))}`)]),
        'Answer with one JSON object: {"text": two or three sentences, "score": 0 to 1}.',
      ].join('\n'),
    ...stepReply,
    answer: () => {
      const scores = names.map((name) => scoreOf(inputs[name])).filter((s): s is number => s !== null);
      const base = scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : 0.5;
      const score = Math.round(Math.min(1, Math.max(0, 0.7 * base + 0.3 * uniformFrom(seed, who, 0x73636f72))) * 100) / 100;
      const read = names.length === 0 ? 'nothing before it' : names.join(', ');
      return { text: `${node.id} did "${clip(node.prompt)}" from ${read}; score ${score.toFixed(2)}.`, score };
    },
    label: `Mock: step ${node.id} (${node.weight} × latency).`,
  };
}
