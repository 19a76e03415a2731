/**
 * Each phase as data: the asks it puts (one per persona, or one per debater), and a pure
 * function from their answers to the next state. A persona whose call fell back is greyed for
 * the phase; in a belief phase it keeps its beliefs (the fallback is "unchanged", not the
 * mock's update), elsewhere the ask's own mock answer stands in for it.
 */
import type { AnyAsk, Ask } from '../../brain/ask.ts';
import { chatAsk, debateAsk, postAsk, reactionsAsk, updateAsk, voteAsk } from './asks.ts';
import { clip, signed } from './mockTexts.ts';
import { clamp } from './population.ts';
import type { HeardView } from './prompts.ts';
import type { UpdateReply } from './replies.ts';
import { feedOf, rankPosts } from './social.ts';
import type { Argument, CommunityState, PhaseName, Post } from './types.ts';

/** Impressions a persona keeps, newest first. */
const MEMORY = 5;

/** One ask of a phase: who is greyed if it fails, the key's tail, the ask. */
export interface PlannedCall {
  readonly who: number;
  readonly key: string;
  readonly ask: AnyAsk;
}

/** What came back for one call: the value and whether it was the fallback. */
export interface CallAnswer {
  readonly value: unknown;
  readonly fellBack: boolean;
}

export interface PlannedPhase {
  readonly calls: readonly PlannedCall[];
  /** The state after the phase, from the answers in the order of `calls`. */
  finish(answers: readonly CallAnswer[]): CommunityState;
}

interface Call<Res> {
  readonly who: number;
  readonly key: string;
  readonly ask: Ask<Res>;
}
interface Got<Res> {
  readonly who: number;
  readonly value: Res;
  readonly fellBack: boolean;
}

/** Ties each answer back to its typed ask: the values came from these very asks (the model's parse or the ask's mock). */
function planned<Res>(state: CommunityState, calls: readonly Call<Res>[], finish: (got: readonly Got<Res>[]) => CommunityState): PlannedPhase {
  return {
    calls,
    finish: (answers) => {
      const got = calls.map((call, index) => {
        const answer = answers[index];
        if (!answer) throw new RangeError(`Phase ${state.phase ?? '?'}: no answer for call ${index}`);
        return { who: call.who, value: answer.value as Res, fellBack: answer.fellBack };
      });
      const failed = state.personas.map(() => false);
      for (const { who, fellBack } of got) if (fellBack) failed[who] = true;
      return { ...finish(got), failed };
    },
  };
}

const personaKey = (id: number): string => `persona-${id}`;

/** The asks of `phase` for the state as it is now, and how their answers change it. */
export function planPhase(state: CommunityState, phase: PhaseName): PlannedPhase {
  switch (phase) {
    case 'debate':
      return planDebate(state);
    case 'beliefs-debate': {
      const heard = state.arguments.map((a): HeardView => ({ topic: a.topic, who: nameOf(state, a.speaker), stance: a.stance, text: a.text }));
      const ids = state.personas.map((p) => p.id);
      const summary = state.arguments.map((a) => `${nameOf(state, a.speaker)} ${signed(a.stance)}`).join(', ');
      return planUpdate(state, phase, ids, () => ({ what: 'The town debate', heard, impression: `Heard the debate (${summary}).` }));
    }
    case 'chat':
      return planChat(state);
    case 'beliefs-chat': {
      const lines = new Map(state.chats.filter((line) => line.epoch === state.epoch).map((line) => [line.to, line]));
      const ids = state.personas.map((p) => p.id).filter((id) => lines.has(id));
      return planUpdate(state, phase, ids, (id) => {
        const line = lines.get(id);
        const who = nameOf(state, line?.from ?? 0);
        const heard = state.topics.map((t) => ({ topic: t.id, who, stance: line?.stances[t.id] ?? 0, text: line?.text ?? '' }));
        return { what: `Your chat with ${who}; they said`, heard, impression: `${who} told me: ${clip(line?.text ?? '', 100)}` };
      });
    }
    case 'posts':
      return planned(state, state.personas.map((p) => ({ who: p.id, key: personaKey(p.id), ask: postAsk(state, p.id) })), (got) => ({
        ...state,
        posts: [
          ...state.posts,
          ...got.map((g, index): Post => {
            const topic = clamp(g.value.topic, 0, state.topics.length - 1);
            return { id: state.posts.length + index, epoch: state.epoch, author: g.who, topic, stance: state.beliefs[g.who]?.[topic] ?? 0, text: g.value.text, up: 0, down: 0 };
          }),
        ],
      }));
    case 'reactions':
      return planReactions(state);
    case 'beliefs-social': {
      const feeds = feedsOf(state);
      const ids = state.personas.map((p) => p.id).filter((id) => (feeds[id]?.length ?? 0) > 0);
      return planUpdate(state, phase, ids, (id) => {
        const feed = feeds[id] ?? [];
        const top = feed[0];
        const impression = top ? `Read ${nameOf(state, top.author)}'s post: ${clip(top.text, 100)}` : 'Read the feed.';
        return { what: 'Your feed', heard: feed.map((post) => ({ topic: post.topic, who: nameOf(state, post.author), stance: post.stance, text: post.text })), impression };
      });
    }
    case 'vote':
      return planned(state, state.personas.map((p) => ({ who: p.id, key: personaKey(p.id), ask: voteAsk(state, p.id) })), (got) => {
        const votes = state.personas.map(() => state.topics.map(() => 0));
        for (const g of got) votes[g.who] = state.topics.map((t) => clamp(g.value[t.id] ?? 0, 0, 1));
        return { ...state, votes };
      });
  }
}

function nameOf(state: CommunityState, id: number): string {
  return state.personas[id]?.name ?? `persona ${id}`;
}

/** Each pair talks both ways: two calls, each persona saying something to the other. */
function planChat(state: CommunityState): PlannedPhase {
  const calls = state.pairs.flatMap(([a, b]) => [[a, b], [b, a]] as const).map(([from, to]) => ({ who: from, key: personaKey(from), ask: chatAsk(state, from, to), to }));
  return planned(state, calls, (got) => ({
    ...state,
    chats: [...state.chats, ...got.map((g, index) => ({ epoch: state.epoch, from: g.who, to: calls[index]?.to ?? 0, text: g.value.text, stances: state.beliefs[g.who] ?? [] }))],
  }));
}

/** Each topic is argued for by the persona who believes in it most, and against by the one who believes least. */
function planDebate(state: CommunityState): PlannedPhase {
  const calls = state.topics.flatMap((topic) => {
    const column = state.beliefs.map((row, id) => ({ id, belief: row[topic.id] ?? 0 }));
    const most = column.reduce((best, entry) => (entry.belief > best.belief ? entry : best));
    const least = column.reduce((best, entry) => (entry.belief < best.belief ? entry : best));
    return [
      { who: most.id, key: `debate-t${topic.id}-for-persona-${most.id}`, ask: debateAsk(state, most.id, topic.id, 'for'), topic: topic.id, side: 'for' as const },
      { who: least.id, key: `debate-t${topic.id}-against-persona-${least.id}`, ask: debateAsk(state, least.id, topic.id, 'against'), topic: topic.id, side: 'against' as const },
    ];
  });
  return planned(state, calls, (got) => ({
    ...state,
    arguments: got.map((g, index): Argument => {
      const call = calls[index];
      return { topic: call?.topic ?? 0, side: call?.side ?? 'for', speaker: g.who, stance: clamp(g.value.stance, -1, 1), text: g.value.argument };
    }),
  }));
}

/** Every persona reacts to the top posts of its feed (the hot score as it stands before any reaction). */
function planReactions(state: CommunityState): PlannedPhase {
  const feeds = feedsOf(state);
  const ids = state.personas.map((p) => p.id).filter((id) => (feeds[id]?.length ?? 0) > 0);
  return planned(state, ids.map((id) => ({ who: id, key: personaKey(id), ask: reactionsAsk(state, id, feeds[id] ?? []) })), (got) => {
    const up = new Map<number, number>();
    const down = new Map<number, number>();
    for (const g of got) for (const r of g.value) (r.up ? up : down).set(r.post, ((r.up ? up : down).get(r.post) ?? 0) + 1);
    return { ...state, posts: state.posts.map((post) => ({ ...post, up: post.up + (up.get(post.id) ?? 0), down: post.down + (down.get(post.id) ?? 0) })) };
  });
}

/**
 * Every persona's feed, from this epoch's posts. An older post keeps the stance its author had
 * then: read again every epoch it would keep pulling readers back to where the town stood long
 * ago, and no community could settle (the page's feed list still ranks every post).
 */
function feedsOf(state: CommunityState): Post[][] {
  const ranked = rankPosts(state.posts.filter((post) => post.epoch === state.epoch), state.epoch, state.settings.seed);
  return state.personas.map((p) => feedOf(p, state.personas, ranked, state.settings.feedSize));
}

/** What one persona heard before a belief phase, and the impression it keeps of it. */
interface Hearing {
  readonly what: string;
  readonly heard: readonly HeardView[];
  readonly impression: string;
}

/**
 * A belief phase for `ids`: each weighs what `hearingOf` says it heard. A fallback keeps the old
 * beliefs; a model's answer (or the mock's) replaces them. A snapshot goes to the history.
 */
function planUpdate(state: CommunityState, phase: PhaseName, ids: readonly number[], hearingOf: (id: number) => Hearing): PlannedPhase {
  const hearings = ids.map(hearingOf);
  const calls = ids.map((id, index) => ({ who: id, key: personaKey(id), ask: updateAsk(state, id, phase, hearings[index]?.what ?? '', hearings[index]?.heard ?? []) }));
  return planned<UpdateReply>(state, calls, (got) => {
    const beliefs = state.beliefs.map((row) => [...row]);
    const memory = state.memory.map((lines) => [...lines]);
    got.forEach((g, index) => {
      memory[g.who] = [hearings[index]?.impression ?? '', ...(memory[g.who] ?? [])].slice(0, MEMORY);
      if (g.fellBack) return;
      beliefs[g.who] = state.topics.map((t) => clamp(g.value[t.id]?.belief ?? beliefs[g.who]?.[t.id] ?? 0, -1, 1));
    });
    return { ...state, beliefs, memory, history: [...state.history, { epoch: state.epoch, phase, beliefs }] };
  });
}
