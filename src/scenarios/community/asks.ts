/**
 * The community's questions as asks: each pairs a prompt and reply shape for a live model with
 * the mock's answer from the opinion model, which is also what a failed call falls back to
 * (the phases decide what a fallback means: a belief update that fell back changes nothing).
 */
import type { Ask, DrawKey } from '../../brain/ask.ts';
import { hegselmannKrause, within } from './opinion.ts';
import { argumentText, chatText, interviewText, postText, reasonText } from './mockTexts.ts';
import { clamp } from './population.ts';
import { chatPrompt, debatePrompt, interviewPrompt, postPrompt, reactionsPrompt, updatePrompt, votePrompt, type HeardView } from './prompts.ts';
import {
  argumentReply, interviewReply, postReply, reactionsReply, textReply, updateReply, voteReply,
  type ArgumentReply, type InterviewReply, type PostReply, type ReactionsReply, type TextReply, type UpdateReply, type VoteReply,
} from './replies.ts';
import { PHASE_NAMES, type CommunityState, type PhaseName, type Persona, type Post } from './types.ts';

/** The mock's draws (latency, faults) for one ask: who asks, in which epoch and phase. */
export function drawOf(state: CommunityState, who: number, phase: PhaseName, sub = 0): DrawKey {
  return { seed: state.settings.seed, who, when: state.epoch * 1000 + PHASE_NAMES.indexOf(phase) * 100 + sub };
}

function personaOf(state: CommunityState, id: number): Persona {
  const persona = state.personas[id];
  if (!persona) throw new RangeError(`No persona ${id} in this community`);
  return persona;
}

function beliefsOf(state: CommunityState, id: number): readonly number[] {
  return state.beliefs[id] ?? [];
}

/** The topic a persona feels strongest about (the first on a tie). */
export function strongestTopic(beliefs: readonly number[]): number {
  let best = 0;
  beliefs.forEach((belief, topic) => {
    if (Math.abs(belief) > Math.abs(beliefs[best] ?? 0)) best = topic;
  });
  return best;
}

/** A debater argues its side of a topic; the mock argues exactly where the debater stands. */
export function debateAsk(state: CommunityState, speakerId: number, topicId: number, side: 'for' | 'against'): Ask<ArgumentReply> {
  const speaker = personaOf(state, speakerId);
  const topic = state.topics[topicId];
  if (!topic) throw new RangeError(`No topic ${topicId}`);
  const stance = beliefsOf(state, speakerId)[topicId] ?? 0;
  return {
    draw: drawOf(state, speakerId, 'debate', topicId * 2 + (side === 'for' ? 0 : 1)),
    prompt: () => debatePrompt(state, speaker, topic, side),
    ...argumentReply,
    answer: () => ({ argument: argumentText(speaker, topic, stance, state.epoch), stance }),
    label: `Mock: ${speaker.name} argues ${side} "${topic.statement}" (epoch ${state.epoch}).`,
  };
}

/**
 * A persona weighs the views it heard: the mock applies bounded confidence per topic (the mean
 * of the views within its threshold pulls it by the convergence rate; one view is Deffuant's rule).
 */
export function updateAsk(state: CommunityState, id: number, phase: PhaseName, what: string, heard: readonly HeardView[]): Ask<UpdateReply> {
  const persona = personaOf(state, id);
  const beliefs = beliefsOf(state, id);
  const { convergence } = state.settings;
  return {
    draw: drawOf(state, id, phase),
    prompt: () => updatePrompt(state, persona, what, heard),
    ...updateReply(state.topics),
    answer: () =>
      state.topics.map((topic) => {
        const before = beliefs[topic.id] ?? 0;
        const views = heard.filter((view) => view.topic === topic.id).map((view) => view.stance);
        const after = clamp(hegselmannKrause(before, views, persona.threshold, convergence), -1, 1);
        return { belief: after, reason: reasonText(before, after, views.length, within(before, views, persona.threshold).length) };
      }),
    label: `Mock: ${persona.name} weighs ${heard.length} views (${phase}, epoch ${state.epoch}).`,
  };
}

/** A persona talks to its chat partner about the topic it feels strongest on. */
export function chatAsk(state: CommunityState, id: number, partnerId: number): Ask<TextReply> {
  const persona = personaOf(state, id);
  const partner = personaOf(state, partnerId);
  const beliefs = beliefsOf(state, id);
  const topic = state.topics[strongestTopic(beliefs)] ?? state.topics[0];
  return {
    draw: drawOf(state, id, 'chat'),
    prompt: () => chatPrompt(state, persona, partner),
    ...textReply,
    answer: () => ({ text: topic ? chatText(persona, partner, topic, beliefs[topic.id] ?? 0, state.epoch) : 'Hello!' }),
    label: `Mock: ${persona.name} chats with ${partner.name} (epoch ${state.epoch}).`,
  };
}

/** A persona posts on the topic it feels strongest on. */
export function postAsk(state: CommunityState, id: number): Ask<PostReply> {
  const persona = personaOf(state, id);
  const beliefs = beliefsOf(state, id);
  const topicId = strongestTopic(beliefs);
  const topic = state.topics[topicId];
  return {
    draw: drawOf(state, id, 'posts'),
    prompt: () => postPrompt(state, persona),
    ...postReply(state.topics),
    answer: () => ({ topic: topicId, text: topic ? postText(persona, topic, beliefs[topicId] ?? 0, state.epoch) : '' }),
    label: `Mock: ${persona.name} writes a post (epoch ${state.epoch}).`,
  };
}

/** A persona reacts to its feed: the mock likes what is within its threshold and dislikes the rest. */
export function reactionsAsk(state: CommunityState, id: number, posts: readonly Post[]): Ask<ReactionsReply> {
  const persona = personaOf(state, id);
  const beliefs = beliefsOf(state, id);
  return {
    draw: drawOf(state, id, 'reactions'),
    prompt: () => reactionsPrompt(state, persona, posts),
    ...reactionsReply(posts.map((post) => post.id)),
    answer: () => posts.map((post) => ({ post: post.id, up: Math.abs(post.stance - (beliefs[post.topic] ?? 0)) <= persona.threshold })),
    label: `Mock: ${persona.name} reacts to ${posts.length} posts (epoch ${state.epoch}).`,
  };
}

/** A persona votes on every topic: the mock takes the option its belief leans to. */
export function voteAsk(state: CommunityState, id: number): Ask<VoteReply> {
  const persona = personaOf(state, id);
  const beliefs = beliefsOf(state, id);
  return {
    draw: drawOf(state, id, 'vote'),
    prompt: () => votePrompt(state, persona),
    ...voteReply(state.topics),
    answer: () => state.topics.map((topic) => ((beliefs[topic.id] ?? 0) >= 0 ? 0 : 1)),
    label: `Mock: ${persona.name} votes (epoch ${state.epoch}).`,
  };
}

/**
 * A question put to one persona. It reads the state and changes nothing: the caller submits the
 * ask, and its answer is never applied to beliefs or memory.
 */
export function interviewAsk(state: CommunityState, id: number, question: string): Ask<InterviewReply> {
  const persona = personaOf(state, id);
  const beliefs = beliefsOf(state, id);
  const memory = state.memory[id] ?? [];
  return {
    // Keyed by the question too, so asking again draws afresh while the same question replays the same.
    draw: { seed: state.settings.seed, who: id, when: -1 - (textHash(question) % 1_000_000) },
    prompt: () => interviewPrompt(state, persona, question),
    ...interviewReply,
    answer: () => ({ answer: interviewText(persona, state.topics, beliefs, question, memory) }),
    label: `Mock: ${persona.name} answers an interview question.`,
  };
}

/** FNV-1a of a text, for draws keyed by words. */
function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}
