/**
 * The mock's words: templates filled from beliefs, so what a persona says matches where its
 * belief stands (and moves with it). A seeded pick varies the wording between personas.
 */
import { hash32 } from '../../sim/rng.ts';
import type { Persona, Topic } from './types.ts';

const SALT_WORDING = 0x776f7264;

/** A belief in words: "strongly for", "leaning against", "undecided"… */
export function leaning(belief: number): string {
  const side = belief >= 0 ? 'for' : 'against';
  const size = Math.abs(belief);
  if (size < 0.1) return 'undecided';
  if (size < 0.35) return `leaning ${side}`;
  if (size < 0.7) return `fairly ${side}`;
  return `strongly ${side}`;
}

/** A belief as a signed number with two decimals, e.g. "+0.42". */
export function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;
}

function pick(options: readonly string[], ...draw: number[]): string {
  return options[hash32(SALT_WORDING, ...draw) % options.length] ?? options[0] ?? '';
}

/** The option a belief votes for. */
export function optionFor(topic: Topic, belief: number): string {
  return belief >= 0 ? topic.options[0] : topic.options[1];
}

/** A debater's argument for its side. */
export function argumentText(speaker: Persona, topic: Topic, stance: number, epoch: number): string {
  const option = optionFor(topic, stance);
  const opener = pick(['Think about it:', 'Here is the thing:', 'Look at the facts:', 'Be honest:'], speaker.id, epoch, topic.id);
  const reason = pick(
    [
      `we should ${option}, it is what people who care about ${speaker.traits.interest} need.`,
      `anyone who weighs the costs will ${option === topic.options[0] ? 'support' : 'reject'} the idea that ${lower(topic.statement)}`,
      `the town will thank us if we ${option}.`,
    ],
    speaker.id,
    epoch,
    topic.id,
    1,
  );
  return `${opener} ${reason} I am ${leaning(stance)} (${signed(stance)}).`;
}

/** What a persona says to its chat partner, about the topic it feels strongest on. */
export function chatText(speaker: Persona, partner: Persona, topic: Topic, belief: number, epoch: number): string {
  const hello = pick([`Hi ${partner.name},`, `${partner.name}!`, `So, ${partner.name},`], speaker.id, epoch);
  const view = pick(
    [`I'm ${leaning(belief)} on "${topic.statement}"`, `on "${topic.statement}" I'm ${leaning(belief)}`, `honestly, "${topic.statement}" — I'm ${leaning(belief)}`],
    speaker.id,
    epoch,
    1,
  );
  return `${hello} ${view}. What do you think?`;
}

/** A post on the topic a persona feels strongest on. */
export function postText(author: Persona, topic: Topic, belief: number, epoch: number): string {
  const option = optionFor(topic, belief);
  const lines = [
    `Vote to ${option}! ${Math.abs(belief) >= 0.7 ? 'No question about it.' : 'I think it is the better choice.'}`,
    `Still thinking about "${topic.statement}" — I'm ${leaning(belief)}.`,
    `As someone into ${author.traits.interest}: we should ${option}.`,
  ];
  return pick(lines, author.id, epoch);
}

/** Why a belief moved, or did not. */
export function reasonText(before: number, after: number, heard: number, reached: number): string {
  if (heard === 0) return 'Nothing new to weigh.';
  if (reached === 0) return `I heard ${heard === 1 ? 'a view' : `${heard} views`}, too far from mine to take seriously.`;
  const moved = after - before;
  if (Math.abs(moved) < 0.01) return 'What I heard matches what I already thought.';
  return `${reached === 1 ? 'One view' : `${reached} views`} close enough to mine moved me ${moved > 0 ? 'toward for' : 'toward against'} (${signed(moved)}).`;
}

/** An interview answer, from the persona's beliefs and latest impression. */
export function interviewText(persona: Persona, topics: readonly Topic[], beliefs: readonly number[], question: string, memory: readonly string[]): string {
  const strongest = topics.reduce((best, topic) => (Math.abs(beliefs[topic.id] ?? 0) > Math.abs(beliefs[best.id] ?? 0) ? topic : best));
  const belief = beliefs[strongest.id] ?? 0;
  const lately = memory[0] === undefined ? '' : ` Lately: ${memory[0]}`;
  const asked = question.trim().length > 0 ? `You ask "${clip(question.trim(), 80)}". ` : '';
  return `${asked}I'm ${persona.traits.temper}, so I'll be direct: on "${strongest.statement}" I'm ${leaning(belief)}.${lately}`;
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
