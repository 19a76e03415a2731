/**
 * The upkeep after a turn, as pure plans: the village's reputation, each reacting NPC's memory,
 * and gossip between a pair of NPCs. Each job is an ask and how its answer changes whatever the
 * state is when it lands (never awaited by a turn; the background lane runs them in the budget
 * left over).
 */
import type { Ask } from '../../brain/ask.ts';
import { hash32 } from '../../sim/rng.ts';
import { gossipAsk, memoryAsk, reputationAsk } from './asks.ts';
import type { NpcReply } from './replies.ts';
import { clamp } from './rules.ts';
import { LOG_LINES, MEMORY_LINES, type GameState } from './types.ts';

const SALT_GOSSIP = 0x676f7373;

export interface UpkeepJob {
  readonly name: string;
  readonly ask: Ask<unknown>;
  /** The state after the job's answer (the model's, or its fallback) landed on `state`. */
  apply(state: GameState, value: unknown): GameState;
}

function job<Res>(name: string, ask: Ask<Res>, apply: (state: GameState, value: Res) => GameState): UpkeepJob {
  // The value a job gets is its own ask's answer (or that ask's mock, as the fallback).
  return { name, ask, apply: (state, value) => apply(state, value as Res) };
}

/** What each NPC who reacted this turn did. */
export interface Reaction {
  readonly npc: number;
  readonly reply: NpcReply;
}

/** The upkeep jobs after turn `state.turn` (`action`, with these reactions); `when` keys their draws. */
export function planUpkeep(state: GameState, action: string, reactions: readonly Reaction[], when: number): UpkeepJob[] {
  const jobs: UpkeepJob[] = [];
  const asked = state.reputation;
  jobs.push(job('reputation', reputationAsk(state, when), (s, reply) => ({ ...s, reputation: clamp(s.reputation + reply.reputation - asked) })));
  for (const { npc, reply } of reactions) {
    jobs.push(job(`memory:${npc}`, memoryAsk(state, npc, action, reply, when), (s, memory) => ({
      ...s,
      npcs: s.npcs.map((n) => (n.id === npc ? { ...n, memory: [memory.memory, ...n.memory].slice(0, MEMORY_LINES) } : n)),
    })));
  }
  const pair = gossipPair(state, reactions);
  if (pair) {
    const [speaker, listener] = pair;
    jobs.push(job(`gossip:${speaker}>${listener}`, gossipAsk(state, speaker, listener, when), (s, gossip) => ({
      ...s,
      npcs: s.npcs.map((n) => (n.id === listener ? { ...n, disposition: clamp(n.disposition + gossip.shift) } : n)),
      gossip: [...s.gossip, gossip.line].slice(-LOG_LINES),
    })));
  }
  return jobs;
}

/**
 * Who gossips: the NPC the turn moved most tells one who was not there (a seeded pick), so word
 * of the player spreads beyond reach. None when everyone was there or nobody reacted.
 */
export function gossipPair(state: GameState, reactions: readonly Reaction[]): [number, number] | null {
  const speaker = [...reactions].sort((a, b) => Math.abs(b.reply.disposition) - Math.abs(a.reply.disposition) || a.npc - b.npc)[0];
  if (!speaker) return null;
  const there = new Set(reactions.map((r) => r.npc));
  const away = state.npcs.filter((npc) => !there.has(npc.id));
  const listener = away[hash32(state.settings.seed, state.turn, SALT_GOSSIP) % Math.max(1, away.length)];
  return listener ? [speaker.npc, listener.id] : null;
}
