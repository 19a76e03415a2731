/**
 * The game master's questions as asks: each pairs a prompt and reply shape for a live model with
 * the mock's answer from the rule model (rules.ts), which is also its fallback. A turn's
 * assessments (world, pacing, one per NPC within reach, narration) carry their cache key.
 */
import type { AnyAsk, Ask, DrawKey } from '../../brain/ask.ts';
import { assessmentKey, bucket, DISPOSITION_BUCKET, situationOf, type AssessmentKind } from './cacheKey.ts';
import { actionPhrase, gossipText, memoryText, narrationText, npcText, reputationText, type Namer } from './mockTexts.ts';
import { gossipPrompt, memoryPrompt, narrationPrompt, npcPrompt, pacingPrompt, reputationPrompt, worldPrompt, type PromptScene } from './prompts.ts';
import {
  gossipReply, memoryReply, narrationReply, npcReply, pacingReply, reputationReply, worldReply,
  type GossipReply, type MemoryReply, type NpcReply, type PacingReply, type ReputationReply, type WorldReply,
} from './replies.ts';
import { driftedReputation, gossipShift, npcReaction, pacingOf, worldReaction } from './rules.ts';
import type { GameState, Intent, Npc } from './types.ts';
import { placeOf, spots } from './village.ts';

/** Who asks, for the mock's draws: one number per assessment kind, NPCs after. */
export const WHO = { world: 0, pacing: 1, narration: 2, reputation: 3, gossip: 4, npc: 100, memory: 200 } as const;

/** Names NPCs and places from the state. */
export function namerOf(state: Pick<GameState, 'npcs' | 'places'>): Namer {
  return {
    npc: (id) => {
      const npc = state.npcs[id];
      return npc ? npcText(npc) : 'a stranger';
    },
    place: (id) => placeOf(state, id)?.name ?? 'somewhere',
  };
}

function npcOf(state: GameState, id: number): Npc {
  const npc = state.npcs[id];
  if (!npc) throw new RangeError(`No NPC ${id} in this village`);
  return npc;
}

/** One of a turn's assessments, typed by its kind. */
export type Planned =
  | { readonly kind: 'world'; readonly name: string; readonly npc: null; readonly key: string; readonly ask: Ask<WorldReply> }
  | { readonly kind: 'pacing'; readonly name: string; readonly npc: null; readonly key: string; readonly ask: Ask<PacingReply> }
  | { readonly kind: 'npc'; readonly name: string; readonly npc: number; readonly key: string; readonly ask: Ask<NpcReply> }
  | { readonly kind: 'narration'; readonly name: string; readonly npc: null; readonly key: string; readonly ask: Ask<string> };

/** A planned assessment's ask, as the scheduler sees any ask. */
export function askOf(planned: Planned): AnyAsk {
  return planned.ask;
}

/** The assessments of `intent` in `state` (the player already where the action takes it), in the order one at a time asks them. */
export function planAssessments(state: GameState, action: string, intent: Intent, reach: readonly number[], when: number, onText?: (text: string) => void): Planned[] {
  const { seed, player } = state.settings;
  const situation = situationOf(state, reach);
  // By id, as the situation lists them: the mock's words must not depend on who stands nearer.
  const near = situation.reach.map((id) => npcOf(state, id));
  const names = namerOf(state);
  const where = spots(state);
  const here = near.filter((npc) => state.player.place !== null && where[npc.id]?.place === state.player.place);
  const scene: PromptScene = { action, intent, phrase: actionPhrase(intent, names), situation, reach: near, names };
  const draw = (who: number): DrawKey => ({ seed, who, when });
  const key = (kind: AssessmentKind, npc: Npc | null): string =>
    assessmentKey({ player, kind, npc: npc?.id ?? null, disposition: npc?.disposition ?? null, intent, situation });
  const label = (what: string): string => `Mock: ${what} for "${scene.phrase}" (turn ${state.turn + 1}).`;
  const npcs: Planned[] = reach.map((id) => {
    const npc = npcOf(state, id);
    const d = bucket(npc.disposition, DISPOSITION_BUCKET);
    return {
      kind: 'npc', name: `npc:${id}`, npc: id, key: key('npc', npc),
      ask: { draw: draw(WHO.npc + id), prompt: () => npcPrompt(scene, npc), ...npcReply, answer: () => npcReaction(seed, npc, intent, d), label: label(`${npc.name} reacts`) },
    };
  });
  // The narration first: it streams, so its first words reach the player soonest, and where
  // connections are few (HTTP/1.1: six) it must not wait behind the others.
  return [
    {
      kind: 'narration', name: 'narration', npc: null, key: key('narration', null),
      ask: {
        draw: draw(WHO.narration), prompt: () => narrationPrompt(scene), ...narrationReply, format: 'text',
        answer: () => narrationText(seed, intent, situation, near, names), label: label('narration'),
        ...(onText === undefined ? {} : { onText }),
      },
    },
    {
      kind: 'world', name: 'world', npc: null, key: key('world', null),
      ask: { draw: draw(WHO.world), prompt: () => worldPrompt(scene), ...worldReply, answer: () => worldReaction(seed, intent, near, situation, here), label: label('the world reacts') },
    },
    {
      kind: 'pacing', name: 'pacing', npc: null, key: key('pacing', null),
      ask: { draw: draw(WHO.pacing), prompt: () => pacingPrompt(scene), ...pacingReply, answer: () => pacingOf(seed, intent, situation), label: label('pacing') },
    },
    ...npcs,
  ];
}

/** The village's opinion after the turn: the mock drifts it toward the NPCs' mean disposition. */
export function reputationAsk(state: GameState, when: number): Ask<ReputationReply> {
  const situation = situationOf(state, []);
  const reputation = driftedReputation(state.reputation, state.npcs.map((npc) => npc.disposition));
  return {
    draw: { seed: state.settings.seed, who: WHO.reputation, when },
    prompt: () => reputationPrompt({ situation }, state.npcs),
    ...reputationReply,
    answer: () => ({ reputation, summary: reputationText(reputation) }),
    label: `Mock: the village weighs the stranger (turn ${state.turn}).`,
  };
}

/** What an NPC who reacted keeps of the turn. */
export function memoryAsk(state: GameState, id: number, action: string, reaction: NpcReply, when: number): Ask<MemoryReply> {
  const npc = npcOf(state, id);
  return {
    draw: { seed: state.settings.seed, who: WHO.memory + id, when },
    prompt: () => memoryPrompt(npc, action, reaction.line),
    ...memoryReply,
    answer: () => ({ memory: memoryText(npc, action, reaction.emote) }),
    label: `Mock: ${npc.name} remembers turn ${state.turn}.`,
  };
}

/** One NPC tells another about the player; the mock moves the listener toward the speaker. */
export function gossipAsk(state: GameState, speakerId: number, listenerId: number, when: number): Ask<GossipReply> {
  const speaker = npcOf(state, speakerId);
  const listener = npcOf(state, listenerId);
  return {
    draw: { seed: state.settings.seed, who: WHO.gossip, when },
    prompt: () => gossipPrompt(speaker, listener),
    ...gossipReply,
    answer: () => ({ line: gossipText(speaker, listener, speaker.disposition), shift: gossipShift(speaker.disposition, listener.disposition) }),
    label: `Mock: ${speaker.name} gossips with ${listener.name} (turn ${state.turn}).`,
  };
}
