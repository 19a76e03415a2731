import type { RaceMessage } from '../../protocol/protocol.ts';
import type { RaceLaneView, RaceView } from '../store.ts';
import { CallLog } from './callLog.ts';

interface RaceState {
  raceId: number;
  message: RaceMessage;
  sequential: CallLog;
  parallel: CallLog;
  /** Made when the race's first message with a third lane arrives (a pipeline's race). */
  ready: CallLog | undefined;
}

/** The race the worker is reporting on: its messages folded into one call log per lane. */
export class RaceLog {
  private race: RaceState | undefined;

  /** Takes one race message (a delta since the previous one); a new race id starts afresh. */
  ingest(message: RaceMessage): void {
    if (this.race?.raceId !== message.raceId) {
      this.race = { raceId: message.raceId, message, sequential: new CallLog(1), parallel: new CallLog(1), ready: undefined };
    }
    this.race.message = message;
    this.race.sequential.ingest(message.sequential.started, message.sequential.calls);
    this.race.parallel.ingest(message.parallel.started, message.parallel.calls);
    if (message.ready) {
      this.race.ready ??= new CallLog(1);
      this.race.ready.ingest(message.ready.started, message.ready.calls);
    }
  }

  get running(): boolean {
    return this.race?.message.status === 'running';
  }

  /** Forgets the race (its worker is gone: it will never finish). */
  clear(): void {
    this.race = undefined;
  }

  /** What the race panel draws. */
  view(): RaceView | null {
    const race = this.race;
    if (!race) return null;
    const { message } = race;
    const lane = (log: CallLog, wallMs: number | null): RaceLaneView => ({ bars: log.batches()[0]?.bars ?? [], wallMs });
    const view: RaceView = {
      raceId: race.raceId,
      status: message.status,
      size: message.size,
      startedAt: message.startedAt,
      now: message.now,
      sequential: lane(race.sequential, message.sequential.wallMs),
      parallel: lane(race.parallel, message.parallel.wallMs),
    };
    // A three-lane race sends the third lane in every message; one left out has no wall time yet.
    return race.ready ? { ...view, ready: lane(race.ready, message.ready?.wallMs ?? null) } : view;
  }
}
