/**
 * What a live model is told for each of the community's questions. Every prompt starts with who
 * the persona is and where its beliefs stand, then the phase's material, then the reply's shape.
 * Words from other personas are quoted as JSON strings and clipped, so no one can flood a prompt
 * or pass for an instruction.
 */
import { clip, signed } from './mockTexts.ts';
import type { CommunityState, Persona, Post, Topic } from './types.ts';

const MAX_QUOTE = 240;

/** Quoted, clipped words of another persona. */
export function quote(text: string): string {
  return JSON.stringify(clip(text, MAX_QUOTE));
}

function header(state: CommunityState, persona: Persona): string[] {
  const beliefs = state.beliefs[persona.id] ?? [];
  return [
    `You are ${persona.name}, a member of a small town's online community. You are ${persona.traits.temper} and into ${persona.traits.interest}.`,
    `Openness ${persona.traits.openness.toFixed(2)} (0 closed, 1 open): you are moved only by views within about ${persona.threshold.toFixed(2)} of your own.`,
    'Your beliefs, from -1 (strongly against) to +1 (strongly for):',
    ...state.topics.map((topic) => `- ${topic.key}: ${quote(topic.statement)}: ${signed(beliefs[topic.id] ?? 0)}`),
    ...(state.memory[persona.id]?.length ? ['Recent impressions, newest first:', ...(state.memory[persona.id] ?? []).map((line) => `- ${quote(line)}`)] : []),
    '',
  ];
}

/** A debater argues one side of a topic. */
export function debatePrompt(state: CommunityState, speaker: Persona, topic: Topic, side: 'for' | 'against'): string {
  return [
    ...header(state, speaker),
    `The town holds a debate on ${quote(topic.statement)}. You argue ${side === 'for' ? `FOR (${topic.options[0]})` : `AGAINST (${topic.options[1]})`}.`,
    'Answer with one JSON object: {"argument": two or three sentences, "stance": the position you argue, from -1 to 1}.',
  ].join('\n');
}

/** One view a persona weighs in a belief update: who said what, at which position. */
export interface HeardView {
  readonly topic: number;
  readonly who: string;
  readonly stance: number;
  readonly text: string;
}

/** A persona weighs what it heard and states its new beliefs. */
export function updatePrompt(state: CommunityState, persona: Persona, what: string, heard: readonly HeardView[]): string {
  const lines = heard.map((view) => `- on ${state.topics[view.topic]?.key ?? '?'}, ${view.who} (${signed(view.stance)}): ${quote(view.text)}`);
  return [
    ...header(state, persona),
    `${what}:`,
    ...(lines.length > 0 ? lines : ['- nothing']),
    '',
    'Update your beliefs as the person you are: views far from yours rarely move you; close ones may.',
    `Answer with one JSON object with one entry per topic (${state.topics.map((t) => t.key).join(', ')}): {"belief": your new belief from -1 to 1, "reason": one short sentence}.`,
  ].join('\n');
}

/** A persona says something to its chat partner. */
export function chatPrompt(state: CommunityState, persona: Persona, partner: Persona): string {
  return [
    ...header(state, persona),
    `You bump into your neighbour ${partner.name} (${partner.traits.temper}, into ${partner.traits.interest}) and chat about the town's questions.`,
    'Answer with one JSON object: {"text": what you say to them, one to three sentences}.',
  ].join('\n');
}

/** A persona writes a post for the community's feed. */
export function postPrompt(state: CommunityState, persona: Persona): string {
  return [
    ...header(state, persona),
    'Write a short post for the town feed about one of the topics.',
    `Answer with one JSON object: {"topic": one of ${state.topics.map((t) => `"${t.key}"`).join(', ')}, "text": one to three sentences}.`,
  ].join('\n');
}

/** A persona reacts to the posts in its feed. */
export function reactionsPrompt(state: CommunityState, persona: Persona, posts: readonly Post[]): string {
  const names = (id: number): string => state.personas[id]?.name ?? `persona ${id}`;
  return [
    ...header(state, persona),
    'Your feed shows these posts:',
    ...posts.map((post) => `- post-${post.id} by ${names(post.author)} on ${state.topics[post.topic]?.key ?? '?'}: ${quote(post.text)}`),
    '',
    `React to each: "up" or "down". Answer with one JSON object: {${posts.map((post) => `"post-${post.id}": "up" | "down"`).join(', ')}}.`,
  ].join('\n');
}

/** A persona votes on every topic. */
export function votePrompt(state: CommunityState, persona: Persona): string {
  return [
    ...header(state, persona),
    'The town votes today. Choose one option per topic:',
    ...state.topics.map((topic) => `- ${topic.key}: "${topic.options[0]}" or "${topic.options[1]}"`),
    `Answer with one JSON object: {${state.topics.map((t) => `"${t.key}": your choice`).join(', ')}}.`,
  ].join('\n');
}

/** Someone asks a persona a question; the answer changes nothing. */
export function interviewPrompt(state: CommunityState, persona: Persona, question: string): string {
  return [
    ...header(state, persona),
    `A visitor asks you: ${quote(question)}`,
    'Answer as yourself, honestly, in one to three sentences. Answer with one JSON object: {"answer": your answer}.',
  ].join('\n');
}
