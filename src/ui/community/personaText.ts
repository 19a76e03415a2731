/**
 * Words and small shapes for one persona and the vote: a belief as "+0.42", which option it
 * leans to, a sparkline of its beliefs over time, the tally's shares, and who answered an
 * interview. Pure, so the wording is tested without a browser.
 */
import type { CommunityViewWire } from '../../protocol/scene.ts';

type Topic = CommunityViewWire['topics'][number];

/** A belief with its sign and two decimals, with a real minus: "+0.42", "−0.10", "0.00". */
export function beliefText(belief: number): string {
  const text = Math.abs(belief).toFixed(2);
  if (text === '0.00') return text;
  return `${belief < 0 ? '−' : '+'}${text}`;
}

/** The option a belief leans to (options[0] is for, options[1] against), or "undecided" at 0. */
export function leaning(belief: number, topic: Topic | undefined): string {
  if (Math.abs(belief) < 0.005 || !topic) return 'undecided';
  return `leans ${belief > 0 ? topic.options[0] : topic.options[1]}`;
}

/**
 * SVG polyline points for values in [−1, 1] across `width` × `height`, +1 at the top. One value
 * draws a flat line, so a persona with no update yet still shows where it stands.
 */
export function sparkPoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const y = (v: number): number => Math.round(((1 - Math.max(-1, Math.min(1, v))) / 2) * height * 10) / 10;
  if (values.length === 1) return `0,${y(values[0] ?? 0)} ${width},${y(values[0] ?? 0)}`;
  const step = width / (values.length - 1);
  return values.map((v, i) => `${Math.round(i * step * 10) / 10},${y(v)}`).join(' ');
}

/** A sparkline in words: "from +0.20 to +0.42 over 3 snapshots". */
export function trendText(values: readonly number[]): string {
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined) return 'no history yet';
  if (values.length === 1) return `${beliefText(first)}, no update yet`;
  return `from ${beliefText(first)} to ${beliefText(last)} over ${values.length} snapshots`;
}

/** The interview's `source` in words. */
export function sourceText(source: string): string {
  switch (source) {
    case 'mock':
      return 'the mock brain';
    case 'gemini':
      return 'Gemini';
    case 'openai':
      return 'the OpenAI-compatible model';
    case 'fallback':
      return 'the fallback (the model call failed; the mock answered)';
    default:
      return source;
  }
}

export interface TallyRow {
  readonly topic: number;
  readonly key: string;
  readonly statement: string;
  readonly total: number;
  readonly options: readonly { readonly option: string; readonly votes: number; readonly percent: number }[];
}

/** The vote per topic with each option's share in whole percent (0 when nobody voted). */
export function tallyRows(tally: NonNullable<CommunityViewWire['tally']>, topics: readonly Topic[]): TallyRow[] {
  return tally.map((t) => {
    const total = t.options.reduce((sum, o) => sum + o.votes, 0);
    const topic = topics.find((candidate) => candidate.id === t.topic);
    return {
      topic: t.topic,
      key: topic?.key ?? `topic ${t.topic}`,
      statement: topic?.statement ?? '',
      total,
      options: t.options.map((o) => ({ option: o.option, votes: o.votes, percent: total === 0 ? 0 : Math.round((o.votes / total) * 100) })),
    };
  });
}
