/**
 * The game master inside the session: a GameMasterRun on the session's one scheduler (its turns
 * interactive, its upkeep and prefetch in the background lane), the village as a world (the
 * player and the NPCs on the grid, the places as points of interest), and the messages the page
 * draws from. Turns are played when the page (or `window.sandbox.act`) sends an action.
 */
import type { AnyAsk } from '../brain/ask.ts';
import type { Clock } from '../clock/clock.ts';
import { SceneThrottle } from './sceneThrottle.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { BatchStats } from '../scheduler/types.ts';
import { GameMasterRun } from '../scenarios/gamemaster/gameMasterRun.ts';
import type { GameMasterView } from '../scenarios/gamemaster/sceneView.ts';
import type { ScenarioContext } from '../scenarios/scenario.ts';
import { schedulerContext, type SchedulerContext } from '../scenarios/schedulerContext.ts';
import type { SandboxConfig } from '../protocol/config.ts';
import type { GmSceneMessage, TickMessage, WorkerMessage, WorldMessage } from '../protocol/protocol.ts';
import type { CallJournal } from './callJournal.ts';
import { gameMasterWire } from './gamemasterWire.ts';
import type { HostTickParts, ScenarioHost } from './scenarioHost.ts';
import { tickEnvelope } from './tickMessage.ts';
import { emptyGrid } from './worldMessage.ts';

/** Place names to the kinds of place the grid can draw. */
const KIND_OF: Readonly<Record<string, 'food' | 'water' | 'plaza' | 'library'>> = { well: 'water', square: 'plaza', inn: 'library', chapel: 'library' };

export interface GameMasterHostOptions {
  readonly worldId: number;
  readonly config: SandboxConfig;
  readonly scheduler: Scheduler<AnyAsk, unknown>;
  readonly clock: Clock;
  readonly journal: CallJournal;
  readonly post: (message: WorkerMessage, transfer: Transferable[]) => void;
}

export class GameMasterHost implements ScenarioHost {
  readonly producer: string;
  readonly run: GameMasterRun;
  private made: SchedulerContext | undefined;
  private readonly scenes: SceneThrottle;
  private disposed = false;
  /** The run's view, derived once per change of state: ticks (10 a second) and scenes both read it. */
  private view: GameMasterView | undefined;

  constructor(private readonly options: GameMasterHostOptions) {
    this.producer = `world-${options.worldId}`;
    this.scenes = new SceneThrottle(options.clock, () => {
      this.options.post(this.sceneMessage(), []);
    });
    const { config } = options;
    this.run = new GameMasterRun(
      { npcs: config.npcs, seed: config.seed, deadlineMs: config.deadline, cache: config.cache, mode: config.strategy === 'sequential' ? 'sequential' : 'parallel' },
      this.context(),
    );
    this.run.onChange(() => {
      this.view = undefined;
      this.scenes.changed();
    });
    this.scenes.changed();
  }

  /** "One at a time" (the strategy setting) from the next turn on. */
  setMode(strategy: SandboxConfig['strategy']): void {
    this.run.setMode(strategy === 'sequential' ? 'sequential' : 'parallel');
  }

  /** A batch of the scheduler's finished (the run measures its turns itself). */
  noteBatch(stats: BatchStats): void {
    this.made?.noteBatch(stats);
  }

  /** Plays one turn; posts the turn, then the ack (with the reason when it could not be played). */
  act(seq: number, text: string): void {
    const { post } = this.options;
    this.run.act(text).then(
      (turn) => {
        post({ type: 'acted', seq, turn: gameMasterWire.lastTurn(turn) }, []);
        post({ type: 'ack', seq }, []);
      },
      (error: unknown) => {
        post({ type: 'ack', seq, error: error instanceof Error ? error.message : String(error) }, []);
      },
    );
  }

  /** The village as a world: "You" first, then the NPCs; places as points of interest. */
  worldMessage(): WorldMessage {
    const view = this.currentView();
    const { width, height } = view.grid;
    return {
      type: 'world',
      worldId: this.options.worldId,
      ...emptyGrid(width, height),
      pois: view.places.map((p) => ({ kind: KIND_OF[p.id] ?? 'food', name: p.name, x: p.x, y: p.y })),
      agents: [
        { id: 0, name: 'You', traits: ['the player'], goal: 'Whatever you type' },
        ...view.npcs.map((npc) => ({ id: npc.id + 1, name: npc.name, traits: [npc.trade, npc.temper], goal: `Works at the ${npc.place}` })),
      ],
      scenario: 'gamemaster',
      // One "belief" per agent: an NPC's disposition toward the player colours its dot.
      topics: 1,
    };
  }

  /** The tick message: the player and NPCs where they stand, dispositions as colours, emotes as words. */
  tickMessage(parts: HostTickParts): { message: TickMessage; transfer: Transferable[] } {
    const view = this.currentView();
    const count = view.npcs.length + 1;
    const positions = new Uint16Array(count * 2);
    const beliefs = new Int8Array(count);
    const states = new Uint8Array(count);
    positions[0] = view.player.x;
    positions[1] = view.player.y;
    const emotes = [''];
    for (const npc of view.npcs) {
      const i = npc.id + 1;
      positions[i * 2] = npc.x;
      positions[i * 2 + 1] = npc.y;
      beliefs[i] = Math.round(npc.disposition * 100);
      // In reach: it is part of the next turn (the "thinking" colour is not used: dots show dispositions).
      states[i] = npc.inReach ? 3 : 0;
      emotes.push(npc.emote === 'neutral' ? '' : npc.emote);
    }
    const message: TickMessage = {
      ...tickEnvelope(parts),
      positions,
      states,
      updates: [],
      selected: null,
      beliefs,
      links: null,
      emotes,
    };
    return { message, transfer: [positions.buffer, states.buffer, beliefs.buffer] };
  }

  /** The scene message now. */
  sceneMessage(): GmSceneMessage {
    return { type: 'gmScene', worldId: this.options.worldId, scene: gameMasterWire.scene(this.run.scene()), view: gameMasterWire.view(this.currentView()) };
  }

  private currentView(): GameMasterView {
    this.view ??= this.run.view();
    return this.view;
  }

  /** The run stops; its waiting calls are dropped and those in flight aborted. */
  dispose(): void {
    this.disposed = true;
    this.run.cancel();
    this.scenes.stop();
    this.options.scheduler.cancel(this.producer, 'The village was replaced.');
  }

  /**
   * The run's asks on the session's scheduler, each turn's as one batch (`world-3:turn-4`, and
   * its background work `world-3:turn-4:background`), so the timeline groups them by turn.
   */
  private context(): ScenarioContext {
    const { scheduler, clock, journal } = this.options;
    this.made = schedulerContext(scheduler, clock, this.producer, {
      onAnswer: (_who, result) => {
        if (!this.disposed) journal.answer(agentOfKey(result.record.key), result.record);
      },
    });
    const base = this.made.context;
    return {
      ...base,
      ask: (ask, options) => {
        const turn = /\/t(\d+)\//.exec(options.key)?.[1] ?? '0';
        const batch = `${this.producer}:turn-${turn}${options.lane === 'background' ? ':background' : ''}`;
        return base.ask(ask, { ...options, batch });
      },
    };
  }


}

/** The world agent a call belongs to: an NPC's assessment (`…/npc:2`) to that NPC, the rest to the player. */
function agentOfKey(key: string): number {
  const npc = /npc:(\d+)/.exec(key)?.[1];
  return npc === undefined ? 0 : Number(npc) + 1;
}
