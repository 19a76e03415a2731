import type { ScenarioKey } from '../../protocol/config.ts';
import type { SandboxState } from '../store.ts';

/** The scenario on show: the running world's, or before its first world the one configured. */
export function shownScenario(s: SandboxState): ScenarioKey {
  return s.world?.scenario ?? s.config.scenario;
}

/**
 * Whether the middle pane draws the PixiJS grid: the relationships show their cards there and
 * the pipeline its DAG, with no stage mounted, so there is no frame rate to show.
 */
export function drawsGrid(scenario: ScenarioKey): boolean {
  return scenario !== 'relationships' && scenario !== 'pipeline';
}
