/**
 * Bounded-confidence opinion dynamics, the mock's model of how beliefs move (Deffuant et al.
 * 2000; Hegselmann & Krause 2002). A view moves a belief only when it is within the listener's
 * threshold ε, and then by a share μ (the convergence rate) of the distance. With one view at a
 * time (a chat partner) that is Deffuant's rule; with several (a debate's arguments, a feed) the
 * belief moves toward the mean of those within reach, Hegselmann–Krause's rule. What emerges
 * depends on ε: wide thresholds pull everyone into one camp (consensus), middling ones leave two
 * camps that no longer hear each other (polarisation), narrow ones leave many (fragmentation).
 */

/** Deffuant: `belief` moves `rate` of the way toward `other` when it is within `threshold`. */
export function deffuant(belief: number, other: number, threshold: number, rate: number): number {
  return Math.abs(other - belief) <= threshold ? belief + rate * (other - belief) : belief;
}

/** Hegselmann–Krause: `belief` moves `rate` of the way toward the mean of the views within `threshold`. */
export function hegselmannKrause(belief: number, views: readonly number[], threshold: number, rate: number): number {
  const near = views.filter((view) => Math.abs(view - belief) <= threshold);
  if (near.length === 0) return belief;
  return belief + rate * (mean(near) - belief);
}

/** The views within `threshold` of `belief`: the ones that persuade. */
export function within(belief: number, views: readonly number[], threshold: number): number[] {
  return views.filter((view) => Math.abs(view - belief) <= threshold);
}

/** The arithmetic mean; 0 for no values. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The population standard deviation; 0 for no values. */
export function spread(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - m) ** 2)));
}

/** Two sorted beliefs farther apart than this are in different clusters. */
export const CLUSTER_GAP = 0.15;

export interface Cluster {
  readonly center: number;
  readonly size: number;
}

/**
 * The camps on one topic: beliefs sorted and split wherever two neighbours are more than
 * `CLUSTER_GAP` apart. `major` keeps camps holding at least 5% of the personas (and 2), so one
 * straggler is not counted as a camp.
 */
export function clusters(values: readonly number[], gap = CLUSTER_GAP): { all: Cluster[]; major: Cluster[] } {
  const sorted = [...values].sort((a, b) => a - b);
  const all: Cluster[] = [];
  let group: number[] = [];
  for (const value of sorted) {
    const last = group[group.length - 1];
    if (last !== undefined && value - last > gap) {
      all.push({ center: mean(group), size: group.length });
      group = [];
    }
    group.push(value);
  }
  if (group.length > 0) all.push({ center: mean(group), size: group.length });
  const minSize = Math.max(2, Math.ceil(values.length * 0.05));
  return { all, major: all.filter((cluster) => cluster.size >= minSize) };
}

/** Bins of the histogram the page draws: [−1, 1] in this many equal bins. */
export const HISTOGRAM_BINS = 10;

/** Counts of beliefs per bin over [−1, 1] (1 itself falls in the last bin). */
export function histogram(values: readonly number[], bins = HISTOGRAM_BINS): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const value of values) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(((value + 1) / 2) * bins)));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}

/** Column `topic` of `beliefs[persona][topic]`. */
export function column(beliefs: readonly (readonly number[])[], topic: number): number[] {
  return beliefs.map((row) => row[topic] ?? 0);
}
