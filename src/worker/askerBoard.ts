/**
 * The askers of a scenario that draws no grid (relationship simulations, a pipeline's steps) as
 * the agent list and the timeline see them: a state per asker (queued, thinking, answered, fell
 * back) from the scheduler's hooks, the newest words of each, and a tick message carrying them.
 */
import type { CallRecord } from '../scheduler/types.ts';
import type { AgentUpdate, TickMessage } from '../protocol/protocol.ts';
import type { CallJournal } from './callJournal.ts';
import type { HostTickParts } from './scenarioHost.ts';
import { askerUpdate, tickEnvelope, type AskerRow } from './tickMessage.ts';


export class AskerBoard {
  private readonly states: Uint8Array<ArrayBuffer>;
  private readonly rows: AskerRow[];

  constructor(
    readonly count: number,
    private readonly journal: CallJournal,
  ) {
    this.states = new Uint8Array(count);
    this.rows = Array.from({ length: count }, () => ({ thought: '', plan: '', source: 'none' as const, decisions: 0 }));
  }

  /** An ask of `who` was submitted. */
  submitted(who: number): void {
    this.states[who] = 1;
  }

  /** Its first attempt left. */
  started(who: number): void {
    this.states[who] = 2;
  }

  /** It was answered: its words and what it was doing, for the agent list; the call for the inspector. */
  answered(who: number, source: string, record: CallRecord, thought: string, plan: string): void {
    this.states[who] = source === 'fallback' ? 4 : 3;
    const row = this.rows[who];
    if (row) {
      row.thought = thought;
      row.plan = plan;
      row.source = source === 'gemini' || source === 'openai' || source === 'mock' ? source : 'fallback';
      row.decisions++;
    }
    this.journal.answer(who, record);
  }

  /** The tick message: each asker's state (on a grid no one sees: `columns` to a row), and what those that answered said. */
  tickMessage(parts: HostTickParts, columns: number): { message: TickMessage; transfer: Transferable[] } {
    const positions = new Uint16Array(this.count * 2);
    for (let id = 0; id < this.count; id++) {
      positions[id * 2] = id % columns;
      positions[id * 2 + 1] = Math.floor(id / columns);
    }
    const states = this.states.slice();
    const updates: AgentUpdate[] = [];
    for (const id of parts.answered) {
      const row = this.rows[id];
      const record = parts.journal.lastRecord.get(id);
      if (row) updates.push(askerUpdate(id, row, record));
    }
    const message: TickMessage = {
      ...tickEnvelope(parts),
      positions,
      states,
      updates,
      selected: null,
      beliefs: null,
      links: null,
      emotes: null,
    };
    return { message, transfer: [positions.buffer, states.buffer] };
  }
}
