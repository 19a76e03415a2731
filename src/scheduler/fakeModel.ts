import type { ModelError } from '../brain/errors.ts';
import type { CallOptions, Model, ModelReply } from '../brain/model.ts';
import { sleep, waitForAbort, type Clock } from '../clock/clock.ts';

/** What one scripted call does: wait, then answer, fail or hang. */
export interface Script {
  readonly latencyMs: number;
  readonly fail?: ModelError;
  readonly hang?: boolean;
}

/**
 * A test model whose every call follows a script and waits on the injected clock. It records
 * what the scheduler did to it (starts, aborts, the most calls it saw at once) so tests can
 * check the scheduler from the model's side of the wire.
 */
export class FakeModel<Req> implements Model<Req, string> {
  readonly source = 'fake';
  readonly starts: { at: number; request: Req; attempt: number }[] = [];
  aborted = 0;
  maxInFlight = 0;
  private inFlight = 0;

  constructor(
    private readonly clock: Clock,
    private readonly script: (request: Req, attempt: number) => Script,
  ) {}

  async call(request: Req, { signal, attempt }: CallOptions): Promise<ModelReply<string>> {
    this.starts.push({ at: this.clock.now(), request, attempt });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const plan = this.script(request, attempt);
    try {
      await sleep(this.clock, plan.latencyMs, signal);
      if (plan.hang) await waitForAbort(signal);
      if (plan.fail) throw plan.fail;
      return { value: `answer:${String(request)}:${attempt}`, usage: { promptTokens: 10, outputTokens: 5, totalTokens: 15 } };
    } catch (error) {
      if (signal.aborted) this.aborted++;
      throw error;
    } finally {
      this.inFlight--;
    }
  }
}
