/**
 * A community's tick message: the personas' positions, states and beliefs from the host, the
 * answers that landed since the last tick, and the selected persona in the inspector's shape.
 */
import { AGENT_STATES, type AgentDetail, type AgentUpdate, type TickMessage } from '../protocol/protocol.ts';
import { signed } from '../scenarios/community/mockTexts.ts';
import type { CallJournal } from './callJournal.ts';
import type { CommunityHost, CommunityTickParts } from './communityHost.ts';
import type { HostTickParts } from './scenarioHost.ts';
import { askerUpdate, lastCallOf, tickEnvelope } from './tickMessage.ts';

/** What else a community's tick message carries (the session's side): a grid tick's parts, with the tick count for the state. */
export type CommunityTickContext = HostTickParts;

/** The tick message of a community, and the buffers to transfer with it. */
export function communityTickOf(host: CommunityHost, ctx: CommunityTickContext): { message: TickMessage; transfer: Transferable[] } {
  const parts = host.tickParts();
  const updates: AgentUpdate[] = [];
  for (const id of ctx.answered) {
    const row = host.rows[id];
    const record = ctx.journal.lastRecord.get(id);
    if (row) updates.push(askerUpdate(id, row, record));
  }
  const message: TickMessage = {
    ...tickEnvelope(ctx),
    positions: parts.positions,
    states: parts.states,
    updates,
    selected: ctx.selected === null ? null : personaDetail(host, ctx.selected, parts, ctx.journal),
    beliefs: parts.beliefs,
    links: parts.links,
    emotes: null,
  };
  const transfer: Transferable[] = [parts.positions.buffer, parts.states.buffer, parts.beliefs.buffer];
  if (parts.links) transfer.push(parts.links.buffer);
  return { message, transfer };
}

/** The inspector's view of a persona: its traits, beliefs in words, impressions and last call. */
function personaDetail(host: CommunityHost, id: number, parts: CommunityTickParts, journal: CallJournal): AgentDetail | null {
  const state = host.run.state;
  const persona = state.personas[id];
  const row = host.rows[id];
  if (!persona || !row) return null;
  return {
    id,
    name: persona.name,
    traits: [persona.traits.temper, `into ${persona.traits.interest}`, `openness ${persona.traits.openness.toFixed(2)}`],
    goal: state.topics.map((t) => `${t.key} ${signed(state.beliefs[id]?.[t.id] ?? 0)}`).join(' · '),
    x: parts.positions[id * 2] ?? 0,
    y: parts.positions[id * 2 + 1] ?? 0,
    state: AGENT_STATES[parts.states[id] ?? 0] ?? 'idle',
    needs: { hunger: 0, thirst: 0 },
    memories: [...(state.memory[id] ?? [])],
    ...row,
    action: 'STAY',
    say: '',
    heading: 'STAY',
    lastCall: lastCallOf(journal.lastRecord.get(id)),
  };
}
