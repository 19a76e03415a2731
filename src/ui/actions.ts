/**
 * Every user command as data: one registered action per command, shared by the buttons, the
 * keyboard and `window.sandbox`, so each does exactly the same thing however it is invoked.
 */
import type { SandboxClient } from './client.ts';
import { syncAddress } from './settings.ts';
import type { SandboxStore } from './store.ts';

/** The drawn grid, once the stage is mounted: where an agent is drawn, and the view's reset. */
export interface StageLocator {
  /** Where an agent is drawn, in page coordinates. */
  locate(agentId: number): { x: number; y: number } | null;
  /** Fits the whole grid into the view again after the user zoomed or panned. */
  fitView(): void;
}

export interface ActionContext {
  readonly client: SandboxClient;
  readonly store: SandboxStore;
  readonly stage: { current: StageLocator | null };
}

export interface Action {
  readonly label: string;
  /** A `KeyboardEvent.key` that runs it, when it has one. */
  readonly key?: string;
  /** Whether it can run now; a disabled control says why by its state. */
  enabled(ctx: ActionContext): boolean;
  run(ctx: ActionContext): Promise<void>;
}

const always = (): boolean => true;

/** One race at a time: its button is disabled while the worker reports one running. */
const noRaceRunning = (ctx: ActionContext): boolean => ctx.store.getState().race?.status !== 'running';

export const ACTIONS = {
  start: {
    label: 'Start',
    enabled: (ctx) => !ctx.store.getState().running,
    run: (ctx) => ctx.client.send({ type: 'start' }),
  },
  pause: {
    label: 'Pause',
    enabled: (ctx) => ctx.store.getState().running,
    run: (ctx) => ctx.client.send({ type: 'pause' }),
  },
  toggle: {
    label: 'Start / pause',
    key: ' ',
    enabled: always,
    run: (ctx) => ctx.client.send({ type: ctx.store.getState().running ? 'pause' : 'start' }),
  },
  step: {
    label: 'Step',
    key: '.',
    enabled: always,
    run: (ctx) => ctx.client.send({ type: 'step' }),
  },
  reset: {
    label: 'Reset',
    key: 'r',
    enabled: always,
    run: (ctx) => ctx.client.send({ type: 'reset' }),
  },
  race: {
    label: 'Race',
    key: 'g',
    enabled: noRaceRunning,
    run: (ctx) => {
      // The race is a view as much as a run: bring it on screen wherever it was started from.
      ctx.store.setState((s) => ({ classroomTab: 'race', classroomCalls: s.classroomCalls + 1 }));
      return noRaceRunning(ctx) ? ctx.client.send({ type: 'race' }) : Promise.resolve();
    },
  },
  fit: {
    label: 'Fit the grid',
    enabled: (ctx) => ctx.stage.current !== null,
    run: (ctx) => {
      ctx.stage.current?.fitView();
      return Promise.resolve();
    },
  },
  presenter: {
    label: 'Presenter mode',
    key: 'p',
    enabled: always,
    run: (ctx) => {
      ctx.store.setState({ presenter: !ctx.store.getState().presenter });
      syncAddress(ctx);
      return Promise.resolve();
    },
  },
  deselect: {
    label: 'Clear selection',
    key: 'Escape',
    enabled: (ctx) => ctx.store.getState().selectedId !== null,
    run: (ctx) => ctx.client.select(null),
  },
} as const satisfies Record<string, Action>;

export type ActionId = keyof typeof ACTIONS;

/** Runs an action by id. */
export function runAction(ctx: ActionContext, id: ActionId): Promise<void> {
  return ACTIONS[id].run(ctx);
}
