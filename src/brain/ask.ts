import type { PortableSchema } from './prompt.ts';

/** What the mock's seeded draws are keyed by: the same key and attempt always draw the same. */
export interface DrawKey {
  readonly seed: number;
  /** Who asks: an agent, a persona, a step. */
  readonly who: number;
  /** When: a tick, or a phase and round; anything that tells one of `who`'s asks from the next. */
  readonly when: number;
  /** How many of the mock's latencies this ask takes (a DAG's slow step: 3); 1 when absent. */
  readonly scale?: number;
}

/**
 * One question for a model, whoever asks it: a grid agent's decision, a persona's post, a step
 * of a DAG. It carries both ways of answering: the prompt and reply shape a live model gets,
 * and the scenario's own mock of the answer (its model of the dynamics, seeded), which is also
 * the fallback when a live call finally fails. So a scenario brings its questions, and the
 * models and the scheduler stay the same for every scenario.
 */
export interface Ask<Res> {
  readonly draw: DrawKey;
  /** The text a live model is sent; built only when a live model asks for it. */
  prompt(): string;
  /** The JSON shape a live model must answer in. */
  readonly schema: PortableSchema;
  /** Reads a live reply; throws ModelError('bad-output') when it is not what was asked. */
  parse(raw: string): Res;
  /** The mock's answer (seeded, deterministic), used for the mock and as the fallback. */
  answer(): Res;
  /** One line saying what was asked, for the inspector when the mock answered. */
  readonly label: string;
  /**
   * `text`: the reply is plain prose (a narration), read by `parse` as it is, not JSON in
   * `schema`. Absent: `json`.
   */
  readonly format?: 'json' | 'text';
  /**
   * Called with the reply so far as it streams in, so the first words can show before the
   * whole reply (live: `generateContentStream`; the mock: its answer's words spread over its
   * latency). Absent: the reply arrives whole.
   */
  readonly onText?: (textSoFar: string) => void;
}

/** Any ask: how the scheduler and the models see them, whatever they answer. */
export type AnyAsk = Ask<unknown>;

/** The fallback of any job that submits an ask: the ask's own mock answer. */
export function answerOf<Res>(ask: Ask<Res>): Res {
  return ask.answer();
}
