/**
 * Which host each scenario gets, and what its race is: the session's choices per scenario, kept
 * apart so the session itself only holds one host of any kind.
 */
import type { AnyAsk } from '../brain/ask.ts';
import type { Clock } from '../clock/clock.ts';
import type { WorldEngine } from '../engine/engine.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { ToolRunner } from '../scenarios/pipeline/tools.ts';
import type { Dag } from '../scenarios/pipeline/types.ts';
import type { SandboxConfig, ScenarioKey } from '../protocol/config.ts';
import type { WorkerMessage } from '../protocol/protocol.ts';
import type { CallJournal } from './callJournal.ts';
import { CommunityHost } from './communityHost.ts';
import { GameMasterHost } from './gamemasterHost.ts';
import { PipelineHost } from './pipelineHost.ts';
import { pipelineRace } from './pipelineRace.ts';
import { raceOf, raceSettings, type RaceRunner } from './raceRunner.ts';
import { RelationshipsHost } from './relationshipsHost.ts';
import { relationshipsRace } from './relationshipsRace.ts';
import type { ScenarioHost } from './scenarioHost.ts';

export interface HostDeps {
  readonly worldId: number;
  readonly config: SandboxConfig;
  readonly scheduler: Scheduler<AnyAsk, unknown>;
  readonly clock: Clock;
  readonly journal: CallJournal;
  /** Posts any message (the game master posts its own acks and turns). */
  readonly post: (message: WorkerMessage, transfer: Transferable[]) => void;
  /** Posts a scene (and, while paused, a tick to go with it). */
  readonly postScene: (message: WorkerMessage) => void;
  /** The pipeline's DAG: a loaded one, or the `dag` preset's. */
  readonly dag: () => Dag;
  readonly tools: () => ToolRunner;
}

/** The host of a scenario other than the grid. */
export function makeHost(scenario: Exclude<ScenarioKey, 'grid'>, deps: HostDeps): ScenarioHost {
  const base = { worldId: deps.worldId, config: deps.config, scheduler: deps.scheduler, clock: deps.clock, journal: deps.journal };
  switch (scenario) {
    case 'community':
      return new CommunityHost({ ...base, postScene: deps.postScene });
    case 'relationships':
      return new RelationshipsHost({ ...base, postScene: deps.postScene });
    case 'pipeline':
      return new PipelineHost({ ...base, postScene: deps.postScene, dag: deps.dag(), tools: deps.tools() });
    case 'gamemaster':
      return new GameMasterHost({ ...base, post: deps.post });
  }
}

/**
 * Starts the race of what is on show: the grid's first agents' next calls, a community's phase,
 * the whole set of simulations, or the pipeline's three modes. Returns the notice to show: why
 * there is no race, or that one is already running; null when it started.
 */
export function startRace(race: RaceRunner, what: { engine: WorldEngine | undefined; host: ScenarioHost | undefined; config: SandboxConfig; tools: () => ToolRunner; clock: Clock }): string | null {
  const { engine, host, config, clock } = what;
  const settings = raceSettings(config);
  if (host instanceof GameMasterHost) return 'The race is for the grid, the community, the relationships and the pipeline; the game master compares with its "One at a time" switch instead.';
  let started: boolean;
  if (host instanceof RelationshipsHost) {
    const { size, lane } = relationshipsRace(host.run.settings, settings, clock);
    started = race.startRun(size, lane);
  } else if (host instanceof PipelineHost) {
    const { size, lane, names } = pipelineRace(host.run.settings.dag, host.run.settings.failNode, settings, what.tools(), clock);
    started = race.startRun(size, lane, names);
  } else {
    started = race.start(engine ? raceOf(engine.state, config).jobs : host instanceof CommunityHost ? host.raceJobs() : [], settings);
  }
  return started ? null : 'A race is already running; wait for it to finish.';
}
