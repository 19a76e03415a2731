/**
 * The words of the relationship simulations' views: a card's lines and its accessible name, the
 * board's counts, the set's timing figures, a transcript grouped by scene, and the scores as CSV.
 * Pure, so every sentence is tested without a browser, and every figure reads true in every
 * state: a figure the worker has not measured yet (null) is a dash or "running…", never NaN.
 */
import type { RelationshipsSceneWire, SimCardWire, SimDetailWire } from '../../protocol/relationshipsScene.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { formatCount, plural } from '../numbers.ts';

/** What the page shows for a figure that does not exist yet. */
export const DASH = '—';

/**
 * An emotion as a word with a glyph beside it: the word carries the meaning, the glyph is a
 * glance. Plain symbols, not emoji: a machine without an emoji font (a classroom's Linux box,
 * CI) draws them all.
 */
const EMOTION_GLYPHS: Readonly<Record<string, string>> = {
  joy: '☺',
  trust: '♥',
  calm: '≈',
  sadness: '☹',
  anger: '⚡',
};

/** The glyph shown beside an emotion's word; an emotion the page does not know gets a neutral dot. */
export function emotionGlyph(emotion: string): string {
  return EMOTION_GLYPHS[emotion] ?? '•';
}

/** What each step of a scene is, as the card says it while the step runs. */
const STEP_DOING: Readonly<Record<string, string>> = {
  context: 'setting the scene',
  'act-1': 'acting (1/2)',
  'appraise-1': 'appraising (1/2)',
  'act-2': 'acting (2/2)',
  'appraise-2': 'appraising (2/2)',
  reflect: 'reflecting',
  commit: 'scoring commitment',
};

/** What each step is, as a transcript line's label. */
const STEP_DONE: Readonly<Record<string, string>> = {
  context: 'sets the scene',
  'act-1': 'acts (1/2)',
  'appraise-1': 'appraises (1/2)',
  'act-2': 'acts (2/2)',
  'appraise-2': 'appraises (2/2)',
  reflect: 'reflects',
  commit: 'scores commitment',
};

/** Where a card's simulation is: "scene 2/3 · acting (1/2)", "scene 3/3 · finished". */
export function progressText(card: Pick<SimCardWire, 'status' | 'scene' | 'scenes' | 'step'>): string {
  const where = `scene ${card.scene}/${card.scenes}`;
  if (card.status === 'done') return `${where} · finished`;
  if (card.status === 'failed') return `${where} · stopped`;
  return `${where} · ${card.step === null ? 'waiting' : (STEP_DOING[card.step] ?? card.step)}`;
}

/** A transcript line's step in words ("acts (1/2)"), or the step's own name if the page does not know it. */
export function stepText(step: string): string {
  return STEP_DONE[step] ?? step;
}

/** A status in words, with the retry that is under way. */
export function statusText(status: SimCardWire['status'], retrying: boolean): string {
  return retrying ? 'retrying…' : status;
}

/** Two letters for an avatar: the first two of a one-word name, else the initials. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  const first = words[0] ?? '?';
  const letters = words.length > 1 ? `${first[0] ?? ''}${words[1]?.[0] ?? ''}` : first.slice(0, 2);
  return letters.toUpperCase();
}

/** A commitment score (0–1) for reading: "0.62". */
export function scoreText(score: number): string {
  return Number.isFinite(score) ? score.toFixed(2) : DASH;
}

/** A card's accessible name: everything the card draws, in one sentence, and what a click does. */
export function cardLabel(card: SimCardWire): string {
  const [a, b] = card.names;
  const scores = card.commitment.length === 0 ? 'no scene scored yet' : `commitment ${card.commitment.map(scoreText).join(', ')}`;
  const feelings = `${a} feels ${card.emotions[0]}, ${b} feels ${card.emotions[1]}`;
  return `Simulation ${card.id}, ${a} and ${b}: ${statusText(card.status, card.retrying)}, ${progressText(card)}; ${feelings}; ${scores}. Open the transcript.`;
}


/** The board's one line: "12 simulations · 8 running · 3 done · 1 failed". */
export function countsText(scene: Pick<RelationshipsSceneWire, 'sims' | 'running' | 'done' | 'failed'>): string {
  return `${plural(scene.sims.length, 'simulation')} · ${formatCount(scene.running)} running · ${formatCount(scene.done)} done · ${formatCount(scene.failed)} failed`;
}

/**
 * A duration of the set in seconds up to ten minutes ("10.6 s", "63.2 s"): wall and sum side by
 * side read best in one unit, where "1 min 3 s" beside "10.6 s" would not.
 */
export function setMs(ms: number): string {
  return ms >= 1_000 && ms < 600_000 ? `${(ms / 1_000).toFixed(1)} s` : formatMs(ms);
}

/** The set's timing in one line, and whether the first pass is still under way. */
export interface FiguresText {
  readonly state: 'waiting' | 'running' | 'measured';
  readonly line: string;
}

/**
 * "wall 10.6 s · one after another 63.2 s · 6.0× faster" once the first pass has ended; while
 * it runs, the time so far; before it starts, that nothing is measured yet.
 */
export function figuresText(scene: Pick<RelationshipsSceneWire, 'wallMs' | 'sumMs' | 'floorMs' | 'speedup' | 'elapsedMs'>): FiguresText {
  const { wallMs, sumMs, floorMs, speedup, elapsedMs } = scene;
  if (wallMs !== null) {
    // Under a budget that binds, one after another could not go faster than the budget either.
    const floor = floorMs ?? 0;
    const sum = sumMs === null ? DASH : floor > sumMs ? `≥ ${setMs(floor)} (the budget's pace)` : setMs(sumMs);
    const faster = speedup === null || !Number.isFinite(speedup) ? `${DASH}× faster` : `${speedup.toFixed(1)}× faster`;
    return { state: 'measured', line: `wall ${setMs(wallMs)} · one after another ${sum} · ${faster}` };
  }
  if (elapsedMs !== null) return { state: 'running', line: `elapsed ${setMs(elapsedMs)} · running…` };
  return { state: 'waiting', line: `wall ${DASH} · one after another ${DASH} · ${DASH}× faster` };
}

/** How close together the simulations finished, once the first pass has ended; null before. */
export function spreadText(spread: number | null): string | null {
  if (spread === null || !Number.isFinite(spread)) return null;
  if (spread <= 0) return 'finish times all equal';
  // Rounded up (less a float's error), so "within 3%" is never an understatement.
  const percent = Math.max(1, Math.ceil(spread * 100 - 1e-9));
  return `finish times within ${percent}% of each other`;
}

/** One speaker's name in a transcript line. */
export function speakerName(speaker: SimDetailWire['transcript'][number]['speaker'], names: readonly [string, string]): string {
  return speaker === 'master' ? 'Scene master' : names[speaker];
}

/** Where a line's words came from, for its tag: a fallback is named as such. */
export function sourceText(source: string): string {
  return source === 'fallback' ? 'fell back' : source;
}

type Line = SimDetailWire['transcript'][number];

/** The transcript's lines by scene, scenes in the order they were played. */
export function groupByScene(lines: readonly Line[]): { readonly scene: number; readonly lines: readonly Line[] }[] {
  const groups: { scene: number; lines: Line[] }[] = [];
  for (const line of lines) {
    const last = groups[groups.length - 1];
    if (last?.scene === line.scene) last.lines.push(line);
    else groups.push({ scene: line.scene, lines: [line] });
  }
  return groups;
}

/** One CSV field: quoted when it holds a comma, quote or line break. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The scores as CSV: one row per simulation and scene, an empty commitment for a scene not scored. */
export function scoresCsv(scene: Pick<RelationshipsSceneWire, 'sims'>): string {
  const rows: (string | number)[][] = [['sim', 'name_a', 'name_b', 'scene', 'commitment', 'status']];
  for (const sim of scene.sims) {
    for (let k = 1; k <= Math.max(sim.scenes, sim.commitment.length); k++) {
      const score = sim.commitment[k - 1];
      rows.push([sim.id, sim.names[0], sim.names[1], k, score === undefined ? '' : Math.round(score * 1_000) / 1_000, sim.status]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}
