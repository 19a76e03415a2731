/**
 * Keeps the simulation worker alive. The page cannot ask a worker whether it lives, only
 * listen, and what it hears is ambiguous: an uncaught throw inside a worker fires `error` on
 * the page but leaves the worker running, while `self.close()`, a hang or a crashed process
 * fire nothing at all. So death is judged by silence where a message is due, never by an
 * error event alone:
 * - a running world ticks at least every 400 ms (speed ×0.25), so no tick for `silenceMs` is death;
 * - a command is answered at once (a world of 10,000 agents builds in ~0.2 s), so no message
 *   at all for `replyMs` after one is sent is death;
 * - after an error event the world is checked: running, the next tick clears it; paused, a
 *   harmless command (select the selected agent again) is sent and must be answered within
 *   `silenceMs`. Alive, the error is a notice that clears by itself; silent, it is death;
 * - a `messageerror` (a message that could not be read) is death at once.
 * A dead worker is terminated and a new one started from the last checkpoint (`restore`);
 * `maxCrashes` deaths within `crashWindowMs` stop the restarts until the user presses Restart.
 */
import type { WorkerMessage } from '../protocol/protocol.ts';
import type { SandboxClient, WorkerPort } from './client.ts';
import { errorText } from './sendable.ts';
import { setNotice, type SandboxStore } from './store.ts';

export interface SupervisorLimits {
  readonly silenceMs: number;
  readonly replyMs: number;
  /** How often silence is measured. */
  readonly checkMs: number;
  readonly crashWindowMs: number;
  readonly maxCrashes: number;
  /** How long the notice of an error the worker survived stays up. */
  readonly reportedNoticeMs: number;
  /** How long the notice of a restart stays up. */
  readonly restartNoticeMs: number;
}

const LIMITS: SupervisorLimits = {
  silenceMs: 3_000,
  replyMs: 5_000,
  checkMs: 250,
  crashWindowMs: 60_000,
  maxCrashes: 3,
  reportedNoticeMs: 15_000,
  restartNoticeMs: 60_000,
};

/** The run as the worker last posted it, opaque to the page, and when (page clock) and at which tick. */
export interface Checkpoint {
  readonly save: unknown;
  readonly at: number;
  readonly tick: number;
}

/** Puts the run into a fresh worker; what the notice must add once it is known. */
export interface Restored {
  /** A key the worker held was not remembered on this device, so it is gone. */
  readonly keyLost: boolean;
  /** Null once the checkpoint runs again; else the sentence why the world is a new one. */
  readonly resumed: Promise<string | null>;
}

/** Posts, in order and before any later command, everything a new worker needs (see restore.ts). */
export type Restore = (from: Checkpoint | null, running: boolean) => Restored;

export const RESTART_NOTICE = 'worker-restart';
export const REPORTED_NOTICE = 'worker-reported';

export class WorkerSupervisor {
  private readonly limits: SupervisorLimits;
  private worker: WorkerPort | null = null;
  private readonly listeners: ((event: MessageEvent<unknown>) => void)[] = [];
  private client: SandboxClient | undefined;
  private restore: Restore | undefined;
  /** The world runs, by its newest tick: a tick is due. */
  private running = false;
  private lastTick = 0;
  private lastTickAt: number;
  /** When a command was sent that nothing has been heard since. */
  private askedAt: number | null = null;
  /** An error event not yet judged: the worker has not been heard from since. */
  private reported: { readonly message: string; readonly at: number } | null = null;
  private checkpoint: Checkpoint | null = null;
  private crashes: number[] = [];
  private lastCheckAt: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly noticeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Counts restarts, so a late answer about an earlier one does not rewrite the notice. */
  private generation = 0;
  private stoppedSentence = '';
  private unsubscribe: () => void;

  /** The worker as the client sees it: always the current one, whatever has been restarted. */
  readonly port: WorkerPort = {
    postMessage: (message, transfer) => {
      this.post(message, transfer);
    },
    addEventListener: (type: string, listener: unknown) => {
      // The client listens for messages only; errors are this supervisor's to interpret.
      if (type === 'message') this.listeners.push(listener as (event: MessageEvent<unknown>) => void);
    },
    terminate: () => {
      this.dispose();
    },
  };

  constructor(
    private readonly create: () => WorkerPort,
    private readonly store: SandboxStore,
    private readonly now: () => number = () => performance.now(),
    limits: Partial<SupervisorLimits> = {},
  ) {
    this.limits = { ...LIMITS, ...limits };
    this.lastTickAt = this.lastCheckAt = now();
    this.worker = this.spawn();
    this.timer = setInterval(() => {
      this.check();
    }, this.limits.checkMs);
    this.unsubscribe = store.subscribe((state, before) => {
      if (state.restartCalls !== before.restartCalls) this.restartNow();
    });
  }

  /** Hears the client's messages and learns how to restore a run; call once the client exists. */
  attach(client: SandboxClient, restore: Restore): void {
    this.client = client;
    this.restore = restore;
    client.observe((message) => {
      this.heard(message);
    });
  }

  /** The Restart button: starts again after restarts stopped, from the last checkpoint. */
  restartNow(): void {
    if (this.worker !== null) return;
    this.crashes = [];
    this.store.setState({ workerStopped: null });
    this.start(null, this.running);
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const timer of this.noticeTimers.values()) clearTimeout(timer);
    this.unsubscribe();
    this.worker?.terminate();
    this.worker = null;
  }

  private post(message: unknown, transfer: Transferable[] = []): void {
    // Thrown into the client, which fails that one command with this sentence.
    if (this.worker === null) throw new Error(this.stoppedSentence || 'the simulation is closed');
    if (typeof message === 'object' && message !== null && 'seq' in message) this.askedAt ??= this.now();
    this.worker.postMessage(message, transfer);
  }

  private spawn(): WorkerPort {
    const worker = this.create();
    worker.addEventListener('message', (event) => {
      if (this.worker !== worker) return;
      this.askedAt = null;
      for (const listener of this.listeners) listener(event);
    });
    worker.addEventListener('error', (event) => {
      if (this.worker === worker) this.errored(event.message || 'the worker failed to load');
    });
    worker.addEventListener('messageerror', () => {
      if (this.worker === worker) this.die('a message from it could not be read');
    });
    return worker;
  }

  private heard(message: WorkerMessage): void {
    if (message.type === 'tick') {
      this.running = message.running;
      this.lastTick = message.tick;
      this.lastTickAt = this.now();
    } else if (message.type === 'checkpoint') {
      this.checkpoint = { save: message.save, at: this.now(), tick: this.lastTick };
    }
    // Running, only a tick proves the loop goes on; paused, any answer proves the worker lives.
    if (this.reported !== null && (message.type === 'tick' || !this.running)) {
      this.notice(REPORTED_NOTICE, 'warning', `The simulation reported an error (${this.reported.message}); it is still running.`, this.limits.reportedNoticeMs);
      this.reported = null;
    }
  }

  private errored(message: string): void {
    this.reported = { message, at: this.now() };
    // A paused world posts nothing unasked: ask it something harmless, and its answer is due.
    if (!this.running && this.client) void this.client.send({ type: 'select', agentId: this.store.getState().selectedId });
  }

  /** Measures silence; runs every `checkMs`. */
  check(): void {
    if (this.worker === null) return;
    const now = this.now();
    const { silenceMs, replyMs, checkMs } = this.limits;
    if (now - this.lastCheckAt > silenceMs + checkMs) {
      // The page itself was asleep (a frozen or throttled tab), not listening: start the count again.
      this.lastTickAt = now;
      if (this.askedAt !== null) this.askedAt = now;
      this.lastCheckAt = now;
      return;
    }
    this.lastCheckAt = now;
    const error = this.reported === null ? '' : `it reported an error (${this.reported.message}), then `;
    if (this.running && now - this.lastTickAt > silenceMs) this.die(`${error}no tick for ${seconds(silenceMs)}`);
    else if (this.askedAt !== null && now - this.askedAt > (this.reported ? silenceMs : replyMs)) {
      this.die(`${error}no answer for ${seconds(this.reported ? silenceMs : replyMs)}`);
    }
  }

  private die(reason: string): void {
    const now = this.now();
    this.worker?.terminate();
    this.worker = null;
    this.crashes = [...this.crashes.filter((at) => now - at < this.limits.crashWindowMs), now];
    setNotice(this.store, REPORTED_NOTICE, null);
    if (this.crashes.length >= this.limits.maxCrashes) {
      this.stoppedSentence = `The simulation stopped ${this.crashes.length} times within a minute (last: ${reason}), so it is not restarted again by itself.`;
      this.client?.abandon(`${this.stoppedSentence} Press Restart to start it again.`);
      setNotice(this.store, RESTART_NOTICE, null);
      this.store.setState({ workerStopped: this.stoppedSentence });
      return;
    }
    this.client?.abandon(`The simulation stopped before it answered (${reason}); it is restarting.`);
    this.start(reason, this.running);
  }

  /** Starts a new worker and restores the run into it; `reason` is null for the Restart button. */
  private start(reason: string | null, running: boolean): void {
    const generation = ++this.generation;
    try {
      this.worker = this.spawn();
    } catch (error) {
      this.die(`it could not be started: ${errorText(error)}`);
      return;
    }
    this.running = running;
    this.reported = null;
    this.askedAt = null;
    this.lastTickAt = this.lastCheckAt = this.now();
    const from = this.checkpoint;
    const restored = this.restore?.(from, running) ?? { keyLost: false, resumed: Promise.resolve(null) };
    const stopped = reason === null ? 'The simulation was restarted' : `The simulation stopped (${reason}) and was restarted`;
    const key = restored.keyLost ? ' Your API key was not remembered on this device, so agents think with the mock brain until you enter it again.' : '';
    const say = (how: string) => {
      if (generation === this.generation) this.notice(RESTART_NOTICE, 'warning', `${stopped} ${how}.${key}`, this.limits.restartNoticeMs);
    };
    if (from === null) {
      say('with a new world: it had not yet saved a checkpoint');
      return;
    }
    say(`from its checkpoint of ${Math.max(0, Math.round((this.now() - from.at) / 1000))} s ago (tick ${from.tick})`);
    void restored.resumed.then((why) => {
      if (why !== null) say(`with a new world: ${why}`);
    });
  }

  /** Raises a notice that clears itself after `ms`, unless raised again meanwhile. */
  private notice(code: string, level: 'info' | 'warning', message: string, ms: number): void {
    setNotice(this.store, code, { level, message });
    clearTimeout(this.noticeTimers.get(code));
    this.noticeTimers.set(code, setTimeout(() => {
      this.noticeTimers.delete(code);
      if (this.store.getState().notices[code]?.message === message) setNotice(this.store, code, null);
    }, ms));
  }
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
