/**
 * The belief histograms as the chart draws them: 10 bins over [−1, 1] (the worker's
 * `histograms`), one series per snapshot (the start, then the end of each epoch), and a
 * sentence that says the same for a screen reader.
 */
/** Bins of the worker's histograms (scenarios/community/opinion.ts). */
export const BINS = 10;
const WIDTH = 2 / BINS;

/** A number with a real minus sign and one decimal: "−0.9", "0.1". */
export const signed1 = (value: number): string => {
  const text = Math.abs(value).toFixed(1);
  return value < 0 && text !== '0.0' ? `−${text}` : text;
};

/** The belief range of bin `index`: "−1.0 to −0.8". */
export function binRange(index: number): string {
  const from = -1 + index * WIDTH;
  return `${signed1(from)} to ${signed1(from + WIDTH)}`;
}

/** Each bin labelled by its centre, "−0.9" … "0.9". */
export const BIN_LABELS: readonly string[] = Array.from({ length: BINS }, (_, i) => signed1(-1 + (i + 0.5) * WIDTH));

export interface HistogramSnapshot {
  /** 0 = the start; k = the end of epoch k. */
  readonly epoch: number;
  readonly label: string;
  readonly counts: readonly number[];
}

/** "Start" for the snapshot before any phase, "After epoch k" for the end of epoch k. */
export const snapshotLabel = (epoch: number): string => (epoch === 0 ? 'Start' : `After epoch ${epoch}`);

/** One topic's snapshots, oldest first; a snapshot without that topic is left out. */
export function topicSnapshots(histograms: readonly { readonly epoch: number; readonly topics: readonly (readonly number[])[] }[], topic: number): HistogramSnapshot[] {
  return histograms.flatMap(({ epoch, topics }) => {
    const counts = topics[topic];
    return counts ? [{ epoch, label: snapshotLabel(epoch), counts: Array.from({ length: BINS }, (_, i) => counts[i] ?? 0) }] : [];
  });
}

/** Personas below 0 (against) and at 0 or above (for) in one snapshot. */
export function sides(counts: readonly number[]): { readonly against: number; readonly forIt: number } {
  let against = 0;
  let forIt = 0;
  counts.forEach((count, index) => {
    if (index < BINS / 2) against += count;
    else forIt += count;
  });
  return { against, forIt };
}

/** The chart in words: each snapshot's split between against and for. */
export function describeHistogram(topicKey: string, snapshots: readonly HistogramSnapshot[]): string {
  if (snapshots.length === 0) return `Beliefs on ${topicKey}: no snapshot yet.`;
  const parts = snapshots.map((s) => {
    const { against, forIt } = sides(s.counts);
    return `${s.label.toLowerCase()}: ${against} below 0 (against), ${forIt} at 0 or above (for)`;
  });
  return `Beliefs on ${topicKey}, personas per bin from −1 to 1. ${parts.join('; ')}.`;
}
