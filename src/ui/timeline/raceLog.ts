import type { RaceMessage } from '../../protocol/protocol.ts';
import type { RaceView } from '../store.ts';
import { CallLog } from './callLog.ts';

/** The race the worker is reporting on: its messages folded into one call log per lane. */
export class RaceLog {
  private race: { raceId: number; message: RaceMessage; sequential: CallLog; parallel: CallLog } | undefined;

  /** Takes one race message (a delta since the previous one); a new race id starts afresh. */
  ingest(message: RaceMessage): void {
    if (this.race?.raceId !== message.raceId) {
      this.race = { raceId: message.raceId, message, sequential: new CallLog(1), parallel: new CallLog(1) };
    }
    this.race.message = message;
    this.race.sequential.ingest(message.sequential.started, message.sequential.calls);
    this.race.parallel.ingest(message.parallel.started, message.parallel.calls);
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
    const lane = (log: CallLog, wallMs: number | null) => ({ bars: log.batches()[0]?.bars ?? [], wallMs });
    return {
      raceId: race.raceId,
      status: message.status,
      size: message.size,
      startedAt: message.startedAt,
      now: message.now,
      sequential: lane(race.sequential, message.sequential.wallMs),
      parallel: lane(race.parallel, message.parallel.wallMs),
    };
  }
}
