/**
 * Fairness between flows. A flow is the pair (producer, flow) of a job: one world, one debate,
 * or one simulation of a producer's many (`Job.flow`). Lanes apply first (`lanes.ts`); this is
 * the order within one lane.
 *
 * The rule, at every dispatch: the lane's waiting jobs are grouped by flow, the flows are put in
 * order of least recently served (the one whose latest call started longest ago first; flows
 * never served before all of them, ties by their oldest waiting job's id), and their jobs are
 * dealt out round-robin: the first of each flow in that order, then the second of each, and so
 * on. Within a flow, submission order (a retry keeps its place by id). `readyEntries` scans this
 * order exactly as it scanned submission order (busy keys, backoff, producer caps, room), and a
 * flow counts as served when one of its calls starts, first attempt or retry.
 *
 * The claim: while a flow S's oldest waiting job could start (its key free, its backoff over, its
 * producer under its cap), no other flow A of its lane starts two calls before it starts.
 * Proof: S's oldest job is dealt in the first round. Once a call of A has started, A is the most
 * recently served flow, so at every later dispatch all of A's jobs come after S's first-round job
 * (in the first round behind it, or in later rounds); at the dispatch where A's call started, A's
 * further jobs were in later rounds, behind it too. The scan takes S's job before reaching any of
 * them, or runs out of room first and takes none of them. (The budget grants a prefix of the
 * scan's picks, so it keeps the order; a budget in another thread is answered with a fresh scan.)
 * - So a long producer cannot starve a short one: however many jobs the long one has waiting, the
 *   short one's oldest job starts after at most one call of each other flow, and a flow never
 *   served goes first of all. Under submission order it would have waited behind all of them.
 * - And a burst cannot hold every slot while others wait: it keeps the slots it already holds
 *   (calls are never pre-empted), but of the slots that free while another flow's oldest job
 *   could start, it gets at most one before that flow gets one.
 * - The limit: a flow's later jobs are dealt behind its oldest, so while the oldest cannot start
 *   (a retry in backoff, its key in flight) other flows may pass them; a backoff ends, and a key
 *   frees when its call answers or times out. And only waiting flows take turns: a slot that frees
 *   while a single flow waits goes to it, so chains whose calls are in flight when the rpm
 *   window's slots free fall behind one that happened to be waiting (the order cannot fix that).
 *
 * Memory: each flow's last service is a tick of a counter, kept in `FairRotation`. A flow with
 * nothing pending whose tick is older than that of every flow with something pending may be
 * forgotten: it would be ordered before all of those anyway, and forgotten it still is (as never
 * served); only its tie order against flows that really were never served changes. Pruning runs
 * when the record has doubled since the last prune, so it costs O(1) per start amortised.
 */

/** What fair ordering reads of a waiting job: its place in line and its flow. */
export interface FlowEntry {
  readonly id: number;
  readonly job: { readonly producer?: string; readonly flow?: string };
  /** `flowKey(job)`, computed once when the job is queued. */
  readonly flowKey: string;
}

/** The pair `flowKey` saw last and its key. */
let lastPair: { producer: string | undefined; flow: string | undefined; key: string } = { producer: undefined, flow: undefined, key: JSON.stringify([null, null]) };

/** The flow a job belongs to, as one string (distinct pairs give distinct strings). */
export function flowKey(job: { readonly producer?: string; readonly flow?: string }): string {
  // A batch submits thousands of jobs of one flow in a row: the last pair's key is reused
  // rather than stringified again for each.
  if (job.producer === lastPair.producer && job.flow === lastPair.flow) return lastPair.key;
  const key = JSON.stringify([job.producer ?? null, job.flow ?? null]);
  lastPair = { producer: job.producer, flow: job.flow, key };
  return key;
}

/**
 * A lane's waiting entries (in id order) in fair order under the rule above; when they are all of
 * one flow, the same array, untouched (the grid's batch of thousands pays nothing for fairness).
 */
export function fairOrder<E extends FlowEntry>(entries: readonly E[], lastServed: ReadonlyMap<string, number>): readonly E[] {
  const first = entries[0];
  if (first === undefined || oneFlow(entries, first)) return entries;
  // Each flow's jobs, in the order first met: oldest waiting job first, which breaks ties.
  const byFlow = new Map<string, E[]>();
  for (const entry of entries) {
    const jobs = byFlow.get(entry.flowKey);
    if (jobs) jobs.push(entry);
    else byFlow.set(entry.flowKey, [entry]);
  }
  // Ticks start at 1, so a flow never served (0) sorts first; the sort is stable.
  const flows = [...byFlow].map(([key, jobs]) => ({ jobs, served: lastServed.get(key) ?? 0 }));
  flows.sort((a, b) => a.served - b.served);
  return dealRoundRobin(flows.map((flow) => flow.jobs), entries.length);
}

/** Whether every entry is of `first`'s flow: compares the job's fields, which are usually the very same strings. */
function oneFlow(entries: readonly FlowEntry[], first: FlowEntry): boolean {
  const { producer, flow } = first.job;
  for (let i = 0; i < entries.length; i++) {
    const { job } = entries[i] as FlowEntry;
    if (job.producer !== producer || job.flow !== flow) return false;
  }
  return true;
}

/** The first of each list, then the second of each, and so on; lists that run out drop out, so this is O(total). */
function dealRoundRobin<E>(lists: E[][], total: number): E[] {
  const out: E[] = [];
  let active = lists;
  for (let round = 0; out.length < total; round++) {
    const still: E[][] = [];
    for (const list of active) {
      const entry = list[round];
      if (entry === undefined) continue;
      out.push(entry);
      if (list.length > round + 1) still.push(list);
    }
    active = still;
  }
  return out;
}

/** When each flow was last served, as ticks of a counter (the scheduler owns one). */
export class FairRotation {
  private readonly served = new Map<string, number>();
  private tick = 0;
  private pruneAt = 64;
  /** The flow served last, so the last key of `served`. */
  private newest: string | undefined;

  /** Each flow's latest tick, for `fairOrder`. */
  get lastServed(): ReadonlyMap<string, number> {
    return this.served;
  }

  /** A call of this flow started (a first attempt or a retry). */
  serve(flow: string): void {
    // Re-inserted so the map stays in tick order, which lets `prune` stop early; a flow that is
    // already the newest keeps its place (a batch of one flow starts thousands in a row).
    if (flow !== this.newest) this.served.delete(flow);
    this.served.set(flow, ++this.tick);
    this.newest = flow;
  }

  /** Whether the record has grown enough to be worth pruning. */
  get wantsPrune(): boolean {
    return this.served.size > this.pruneAt;
  }

  /** Forgets the flows that may be forgotten (see above), given the flows with jobs pending. */
  prune(pending: Iterable<string>): void {
    let oldest = Infinity;
    for (const flow of pending) oldest = Math.min(oldest, this.served.get(flow) ?? Infinity);
    for (const [flow, tick] of this.served) {
      if (tick >= oldest) break;
      this.served.delete(flow);
      if (flow === this.newest) this.newest = undefined;
    }
    this.pruneAt = Math.max(64, 2 * this.served.size);
  }
}
