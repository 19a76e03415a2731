/**
 * The prepared DAGs. `diamond` is the classic fan-out: with equal node times, level by level
 * gains 5/3. `wide` (1 → 10 → 1 by default; `fanout` sets the middle level's width,
 * up to 198 for a DAG of 200 nodes) gains 4 with twelve equal steps in three levels. `chain` gains
 * nothing: the lesson that parallelism needs width. `uneven` has a slow step beside a line of
 * fast ones and two CPU tools, so running each node as soon as its inputs are ready beats
 * running level by level, and reaches the critical path.
 */
import { checkDag, type DagSpec } from './spec.ts';
import type { Dag, DagName } from './types.ts';

const agent = (id: string, inputs: string[], prompt: string, weight = 1) => ({ id, kind: 'agent' as const, inputs, prompt, weight });

/** The `wide` preset's default width: ten regions between the source and the merge. */
export const WIDE_FANOUT = 10;

/** `wide` with `fanout` regions: 1 → fanout → 1, fanout + 2 nodes in three levels. */
export function wideSpec(fanout: number): DagSpec {
  const regions = Array.from({ length: fanout }, (_, i) => `region-${i + 1}`);
  return {
    name: 'wide',
    nodes: [
      agent('source', [], `List the ${fanout} regions to review.`),
      ...regions.map((id, i) => agent(id, ['source'], `Review region ${i + 1}: what went well and what did not.`)),
      agent('merge', regions, `Merge the ${fanout} reviews into one ranking.`),
    ],
  };
}

export const PRESET_SPECS: Readonly<Record<DagName, DagSpec>> = {
  diamond: {
    name: 'diamond',
    nodes: [
      agent('ingest', [], 'Read the quarter\'s sales notes and list what they cover.'),
      agent('stats', ['ingest'], 'Say which figures stand out and by how much.'),
      agent('patterns', ['ingest'], 'Name the patterns that repeat across the notes.'),
      agent('analysis', ['ingest'], 'Say what drove the quarter.'),
      agent('report', ['stats', 'patterns', 'analysis'], 'Write the summary for the board from the three reviews.'),
    ],
  },
  wide: wideSpec(WIDE_FANOUT),
  chain: {
    name: 'chain',
    nodes: [
      agent('fetch', [], 'Fetch the customer complaints of the week.'),
      agent('clean', ['fetch'], 'Drop the duplicates and the spam.'),
      agent('classify', ['clean'], 'Sort them by product and severity.'),
      agent('summarise', ['classify'], 'Summarise the three worst problems.'),
      agent('publish', ['summarise'], 'Write the note to the team.'),
    ],
  },
  uneven: {
    name: 'uneven',
    nodes: [
      agent('ingest', [], 'Load the survey answers and say what they cover.'),
      agent('summary', ['ingest'], 'Read every free-text answer and summarise them (the slow step).', 3),
      { id: 'stats', kind: 'tool', inputs: ['ingest'], tool: 'stats', size: 10 },
      { id: 'patterns', kind: 'tool', inputs: ['ingest'], tool: 'patterns', size: 10 },
      agent('analysis', ['stats', 'patterns'], 'Explain what the statistics and the patterns show.'),
      agent('critique', ['analysis'], 'Find the weakest point of the analysis.'),
      agent('report', ['summary', 'critique'], 'Write the report from the summary and the critique.'),
    ],
  },
};

/** A preset, checked like any spec; `fanout` sizes `wide` only. */
export function presetDag(name: DagName, fanout = WIDE_FANOUT): Dag {
  const checked = checkDag(name === 'wide' ? wideSpec(fanout) : PRESET_SPECS[name]);
  if (!checked.ok) throw new Error(`The ${name} preset is broken: ${checked.error}`);
  return checked.dag;
}
