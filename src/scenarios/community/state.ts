/**
 * The community's life between phases: its first state, the start of an epoch (a short walk,
 * then chat pairs of nearest neighbours), the start and end of a phase, and the end of the run.
 * Pure functions, state in, state out; the phases themselves are in phases.ts.
 */
import type { BatchStats } from '../../scheduler/types.ts';
import { createPersonas, createTopics, gridSide, initialBeliefs, resolveSettings, walk } from './population.ts';
import { chatPairs } from './social.ts';
import { PHASE_NAMES, type CommunitySettings, type CommunityState, type PhaseName, type PhaseRecord } from './types.ts';

/** A community before its first phase. */
export function initialState(patch: Partial<CommunitySettings> = {}): CommunityState {
  const settings = resolveSettings(patch);
  const side = gridSide(settings.agents);
  const beliefs = initialBeliefs(settings);
  return {
    settings,
    topics: createTopics(settings.topics),
    personas: createPersonas(settings),
    grid: { width: side, height: side },
    beliefs,
    epoch: 0,
    phase: null,
    done: false,
    phases: [],
    arguments: [],
    pairs: [],
    chats: [],
    posts: [],
    votes: null,
    failed: beliefs.map(() => false),
    memory: beliefs.map(() => []),
    history: [{ epoch: 0, phase: null, beliefs }],
  };
}

/** The phases of `epoch` (1-based), in order: the vote only in the last. */
export function phasesOf(epoch: number, epochs: number): PhaseName[] {
  return PHASE_NAMES.filter((name) => name !== 'vote' || epoch === epochs);
}

/** Every phase of a whole run, in order. */
export function schedule(epochs: number): { epoch: number; phase: PhaseName }[] {
  return Array.from({ length: epochs }, (_, i) => phasesOf(i + 1, epochs).map((phase) => ({ epoch: i + 1, phase }))).flat();
}

/** Epoch `epoch` begins: after the first, everyone takes a short walk; then the chat pairs are drawn. */
export function beginEpoch(state: CommunityState, epoch: number): CommunityState {
  const personas = epoch > 1 ? walk(state.personas, state.grid.width, state.settings.seed, epoch) : state.personas;
  return { ...state, epoch, personas, arguments: [], pairs: chatPairs(personas) };
}

/** A phase begins: it is the one running. */
export function beginPhase(state: CommunityState, phase: PhaseName): CommunityState {
  return { ...state, phase };
}

/** A phase ended: its figures join the finished phases. */
export function endPhase(state: CommunityState, record: PhaseRecord): CommunityState {
  return { ...state, phase: null, phases: [...state.phases, record] };
}

/** The run is over. */
export function finishRun(state: CommunityState): CommunityState {
  return { ...state, phase: null, done: true };
}

/** A phase's figures from its batch's stats (the scheduler's definitions), or zero for a phase that asked nothing. */
export function phaseRecord(name: PhaseName, epoch: number, calls: number, stats: BatchStats | undefined): PhaseRecord {
  if (!stats) return { name, epoch, calls, wallMs: 0, sumLatencyMs: 0, speedup: 1, fallbacks: 0 };
  return { name, epoch, calls, wallMs: stats.wallMs, sumLatencyMs: stats.sumLatencyMs, speedup: stats.speedup, fallbacks: stats.fallbacks };
}
