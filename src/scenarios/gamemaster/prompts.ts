/**
 * What a live model is told for each of the game master's questions. Every prompt starts with
 * the scene (where, when, who is near, the player's standing), then the action, then the reply's
 * shape. The player's own words are quoted as a JSON string and clipped, so they cannot pass for
 * an instruction.
 */
import type { Situation } from './cacheKey.ts';
import { npcText, reputationText, type Namer } from './mockTexts.ts';
import type { Intent, Npc } from './types.ts';

const MAX_QUOTE = 200;

/** Quoted, clipped words of the player or an NPC. */
export function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text);
}

/** The scene every prompt shares. */
export interface PromptScene {
  readonly action: string;
  readonly intent: Intent;
  /** The action in plain words ("take a loaf of bread from the market stall"). */
  readonly phrase: string;
  readonly situation: Situation;
  readonly reach: readonly Npc[];
  readonly names: Namer;
}

function header(scene: PromptScene): string[] {
  const { situation } = scene;
  return [
    'You are the game master of a text adventure set in a small village.',
    `It is ${situation.period}. The player stands at ${situation.place === null ? 'a lane between places' : scene.names.place(situation.place)}.`,
    `Within reach: ${scene.reach.length === 0 ? 'nobody' : scene.reach.map((npc) => `${npcText(npc)} (${npc.temper})`).join(', ')}.`,
    `${reputationText(situation.reputation)} The scene is ${situation.tension}.`,
    `The player wrote ${quote(scene.action)}, which we read as: the player tries to ${scene.phrase}.`,
    '',
  ];
}

export function worldPrompt(scene: PromptScene): string {
  return [
    ...header(scene),
    'Judge how the world takes this action.',
    'Answer with one JSON object: {"outcome": "allowed" | "noticed" | "blocked", "consequence": one short sentence, "reputation": the change to the village\'s opinion, -0.5 to 0.5}.',
  ].join('\n');
}

export function pacingPrompt(scene: PromptScene): string {
  return [
    ...header(scene),
    'Judge the pacing: how tense is the scene after this action, and what does the story need next?',
    'Answer with one JSON object: {"tension": "calm" | "rising" | "tense" | "climax", "beat": one short sentence}.',
  ].join('\n');
}

export function npcPrompt(scene: PromptScene, npc: Npc): string {
  return [
    ...header(scene),
    `You play ${npcText(npc)}, who is ${npc.temper}. Their feeling toward the player is ${npc.disposition.toFixed(2)} (-1 hostile, 1 friendly).`,
    ...(npc.memory.length > 0 ? ['What they remember, newest first:', ...npc.memory.map((line) => `- ${quote(line)}`)] : []),
    'How do they react to the action?',
    'Answer with one JSON object: {"emote": "neutral" | "smile" | "wave" | "laugh" | "shrug" | "frown" | "angry" | "fear", "line": one sentence they say or do, "disposition": the change of their feeling, -0.6 to 0.6}.',
  ].join('\n');
}

export function narrationPrompt(scene: PromptScene): string {
  return [
    ...header(scene),
    'Narrate what happens in two or three sentences, in the second person ("You…"), present tense.',
    'Write plain prose only: no JSON, no lists, no headings.',
  ].join('\n');
}

export function reputationPrompt(scene: Pick<PromptScene, 'situation'>, npcs: readonly Npc[]): string {
  return [
    'You keep the reputation of a stranger in a small village.',
    `${reputationText(scene.situation.reputation)} How each villager feels about the stranger (-1 hostile, 1 friendly):`,
    ...npcs.map((npc) => `- ${npcText(npc)}: ${npc.disposition.toFixed(2)}`),
    'Answer with one JSON object: {"reputation": the village\'s opinion now, -1 to 1, "summary": one short sentence}.',
  ].join('\n');
}

export function memoryPrompt(npc: Npc, action: string, reaction: string): string {
  return [
    `You are ${npcText(npc)}, ${npc.temper}, in a small village. A stranger just did this: ${quote(action)}.`,
    `You reacted: ${quote(reaction)}.`,
    'What do you remember of it? Answer with one JSON object: {"memory": one short sentence in the first person}.',
  ].join('\n');
}

export function gossipPrompt(speaker: Npc, listener: Npc): string {
  return [
    `You are ${npcText(speaker)}, ${speaker.temper}, and you feel ${speaker.disposition.toFixed(2)} about the stranger in the village (-1 hostile, 1 friendly).`,
    `You meet ${npcText(listener)}, who feels ${listener.disposition.toFixed(2)} about them, and you gossip about the stranger.`,
    ...(speaker.memory.length > 0 ? ['You remember:', ...speaker.memory.slice(0, 3).map((line) => `- ${quote(line)}`)] : []),
    'Answer with one JSON object: {"line": what you say, one sentence, "shift": how far the listener\'s feeling moves, -0.3 to 0.3}.',
  ].join('\n');
}
