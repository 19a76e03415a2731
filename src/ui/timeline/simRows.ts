/**
 * Rows by simulation for the relationship simulations' batches: each simulation asks through
 * three agents (k·3 the scene master, k·3+1 and k·3+2 its pair), and its steps run one after
 * another, so all of a simulation's calls fit along one row and the batch reads as one row per
 * simulation, side by side on one time axis, rather than one row per call.
 */
import type { CallBar } from './callLog.ts';

/** Agents per simulation: the scene master and the pair. */
export const ASKERS_PER_SIM = 3;

export interface RowGrouping {
  /** The row a call goes in. */
  readonly rowOf: (bar: CallBar) => number;
  /** Rows to lay out, so a batch still filling keeps its row height. */
  readonly rows: number;
  /** A row's label ("Sim 4"). */
  readonly rowLabel: (row: number) => string;
}

/** The simulation an agent asks for. */
export function simOf(agentId: number): number {
  return Math.max(0, Math.floor(agentId / ASKERS_PER_SIM));
}

/**
 * The grouping of a batch's calls by simulation, or null when its calls keep a row each: any
 * batch outside the relationship simulations, or one of theirs that is neither the first pass
 * (`…:sims`, a row per simulation of the set) nor a retry (`…:retry-k-n`, simulation k's one row).
 */
export function simGrouping(batchId: string, scenario: string | undefined, sims: number): RowGrouping | null {
  if (scenario !== 'relationships') return null;
  if (/:sims$/.test(batchId)) {
    return { rowOf: (bar) => simOf(bar.agentId), rows: Math.max(1, sims), rowLabel: (row) => `Sim ${row}` };
  }
  const retry = /:retry-(\d+)-\d+$/.exec(batchId);
  if (retry) {
    const sim = Number(retry[1]);
    return { rowOf: () => 0, rows: 1, rowLabel: () => `Sim ${sim}` };
  }
  return null;
}
