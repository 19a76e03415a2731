/**
 * What the page reads of a community: `sceneOf` is the contract's public state (the snapshot's
 * `scene`), `viewOf` what the page draws (personas, pairs, feed, histograms, tally), and
 * `personaOf` one selected persona's story. All are derived from the state, never stored.
 */
import { clusters, column, histogram, mean, spread } from './opinion.ts';
import { hotScore, rankPosts } from './social.ts';
import { schedule } from './state.ts';
import type { Argument, CommunityState, PhaseName, PhaseRecord, Post, Topic } from './types.ts';

/** How many posts the page's feed lists. */
export const FEED_LIST = 10;

/** The contract's `scene` for the community (see "Scenario contracts"). */
export interface CommunityScene {
  readonly epoch: number;
  readonly epochs: number;
  readonly phase: string | null;
  readonly done: boolean;
  readonly phases: readonly PhaseRecord[];
  readonly beliefs: { readonly mean: number[]; readonly spread: number[] };
  readonly posts: number;
  readonly reactions: { readonly up: number; readonly down: number };
  /** Votes per option label (labels are unique across topics); null until the vote. */
  readonly votes: Record<string, number> | null;
}

export interface PersonaDot {
  readonly id: number;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly openness: number;
  readonly threshold: number;
  readonly beliefs: readonly number[];
  /** Its call in the latest phase failed and fell back (beliefs kept). */
  readonly greyed: boolean;
}

export interface FeedPost extends Post {
  readonly authorName: string;
  readonly hot: number;
}

export interface CommunityView {
  readonly grid: { readonly width: number; readonly height: number };
  readonly topics: readonly Topic[];
  readonly personas: readonly PersonaDot[];
  /** This epoch's chat pairs (a line joins them while the chat phases run). */
  readonly pairs: readonly (readonly [number, number])[];
  readonly debate: readonly Argument[];
  /** The hottest posts, with their reactions. */
  readonly feed: readonly FeedPost[];
  /** Belief histograms per topic at the start (epoch 0) and at the end of each epoch so far. */
  readonly histograms: readonly { readonly epoch: number; readonly topics: readonly number[][] }[];
  /** Camps per topic now (clusters holding at least 5% of the personas). */
  readonly camps: readonly number[];
  readonly tally: readonly { readonly topic: number; readonly options: readonly { readonly option: string; readonly votes: number }[] }[] | null;
  /** Every phase of the run in order, for a phase strip. */
  readonly plan: readonly { readonly epoch: number; readonly phase: PhaseName }[];
  readonly concurrency: number;
}

export interface PersonaStory {
  readonly dot: PersonaDot;
  readonly temper: string;
  readonly interest: string;
  readonly history: readonly { readonly epoch: number; readonly phase: PhaseName | null; readonly beliefs: readonly number[] }[];
  readonly chats: readonly { readonly epoch: number; readonly partner: number; readonly partnerName: string; readonly said: string; readonly heard: string }[];
  readonly posts: readonly Post[];
  readonly memory: readonly string[];
  /** The option index per topic, once voted. */
  readonly votes: readonly number[] | null;
}

/** The contract's public state. */
export function sceneOf(state: CommunityState): CommunityScene {
  const topics = state.topics.map((t) => column(state.beliefs, t.id));
  return {
    epoch: state.epoch,
    epochs: state.settings.epochs,
    phase: state.phase,
    done: state.done,
    phases: state.phases,
    beliefs: { mean: topics.map(mean), spread: topics.map(spread) },
    posts: state.posts.length,
    reactions: { up: sum(state.posts.map((p) => p.up)), down: sum(state.posts.map((p) => p.down)) },
    votes: state.votes === null ? null : Object.fromEntries(tallyOf(state)?.flatMap((t) => t.options.map((o) => [o.option, o.votes])) ?? []),
  };
}

/** What the page draws. */
export function viewOf(state: CommunityState): CommunityView {
  const ranked = rankPosts(state.posts, state.epoch, state.settings.seed).slice(0, FEED_LIST);
  return {
    grid: state.grid,
    topics: state.topics,
    personas: state.personas.map((_, id) => dotOf(state, id)),
    pairs: state.pairs,
    debate: state.arguments,
    feed: ranked.map((post) => ({ ...post, authorName: state.personas[post.author]?.name ?? '', hot: hotScore(post, state.epoch) })),
    histograms: epochEnds(state).map(({ epoch, beliefs }) => ({ epoch, topics: state.topics.map((t) => histogram(column(beliefs, t.id))) })),
    camps: state.topics.map((t) => clusters(column(state.beliefs, t.id)).major.length),
    tally: tallyOf(state),
    plan: schedule(state.settings.epochs),
    concurrency: state.settings.concurrency,
  };
}

/** One persona's story: beliefs over time, chats, posts, impressions, votes. */
export function personaOf(state: CommunityState, id: number): PersonaStory | null {
  const persona = state.personas[id];
  if (!persona) return null;
  const name = (other: number): string => state.personas[other]?.name ?? '';
  const said = state.chats.filter((line) => line.from === id);
  return {
    dot: dotOf(state, id),
    temper: persona.traits.temper,
    interest: persona.traits.interest,
    history: state.history.map((snap) => ({ epoch: snap.epoch, phase: snap.phase, beliefs: snap.beliefs[id] ?? [] })),
    chats: said.map((line) => ({
      epoch: line.epoch,
      partner: line.to,
      partnerName: name(line.to),
      said: line.text,
      heard: state.chats.find((other) => other.epoch === line.epoch && other.from === line.to && other.to === id)?.text ?? '',
    })),
    posts: state.posts.filter((post) => post.author === id),
    memory: state.memory[id] ?? [],
    votes: state.votes?.[id] ?? null,
  };
}

function dotOf(state: CommunityState, id: number): PersonaDot {
  const p = state.personas[id];
  return {
    id,
    name: p?.name ?? '',
    x: p?.x ?? 0,
    y: p?.y ?? 0,
    openness: p?.traits.openness ?? 0,
    threshold: p?.threshold ?? 0,
    beliefs: state.beliefs[id] ?? [],
    greyed: state.failed[id] ?? false,
  };
}

/** The beliefs at the start and at the last snapshot of every epoch so far. */
function epochEnds(state: CommunityState): { epoch: number; beliefs: readonly (readonly number[])[] }[] {
  const last = new Map<number, readonly (readonly number[])[]>();
  for (const snap of state.history) last.set(snap.epoch, snap.beliefs);
  return [...last.entries()].map(([epoch, beliefs]) => ({ epoch, beliefs }));
}

function tallyOf(state: CommunityState): CommunityView['tally'] {
  const { votes } = state;
  if (votes === null) return null;
  return state.topics.map((topic) => ({
    topic: topic.id,
    options: topic.options.map((option, index) => ({ option, votes: votes.filter((row) => row[topic.id] === index).length })),
  }));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
