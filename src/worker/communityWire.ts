/**
 * The community's state as the protocol carries it (`protocol/scene.ts`): what the panels draw,
 * without what every tick already carries (positions, beliefs), and a persona's story flat.
 */
import type { CommunityScene, CommunityView, PersonaStory } from '../scenarios/community/sceneView.ts';
import type { Topic } from '../scenarios/community/types.ts';
import type { CommunitySceneWire, CommunityViewWire, PersonaStoryWire } from '../protocol/scene.ts';

/** The most characters of a reply the agent list shows. */
const REPLY_CHARS = 160;

/** The contract's scene, copied into the protocol's (mutable) shapes. */
export function sceneWire(scene: CommunityScene): CommunitySceneWire {
  return {
    ...scene,
    phases: scene.phases.map((p) => ({ ...p })),
    beliefs: { mean: [...scene.beliefs.mean], spread: [...scene.beliefs.spread] },
    reactions: { ...scene.reactions },
    votes: scene.votes === null ? null : { ...scene.votes },
  };
}

/** The panel's view: the page's copy of `viewOf` without the personas and the grid. */
export function viewWire(view: CommunityView): CommunityViewWire {
  return {
    topics: view.topics.map((t) => ({ id: t.id, key: t.key, statement: t.statement, options: [t.options[0], t.options[1]] })),
    pairs: view.pairs.map(([a, b]) => [a, b]),
    debate: view.debate.map((a) => ({ ...a })),
    feed: view.feed.map((post) => ({ ...post })),
    histograms: view.histograms.map((h) => ({ epoch: h.epoch, topics: h.topics.map((bins) => [...bins]) })),
    camps: [...view.camps],
    tally: view.tally === null ? null : view.tally.map((t) => ({ topic: t.topic, options: t.options.map((o) => ({ ...o })) })),
    plan: view.plan.map((p) => ({ ...p })),
    concurrency: Number.isFinite(view.concurrency) ? view.concurrency : 0,
  };
}

/** One persona's story, flat. */
export function personaWire(story: PersonaStory): PersonaStoryWire {
  const { dot } = story;
  return {
    id: dot.id,
    name: dot.name,
    temper: story.temper,
    interest: story.interest,
    openness: dot.openness,
    threshold: dot.threshold,
    beliefs: [...dot.beliefs],
    greyed: dot.greyed,
    history: story.history.map((h) => ({ epoch: h.epoch, phase: h.phase, beliefs: [...h.beliefs] })),
    chats: story.chats.map((c) => ({ ...c })),
    posts: story.posts.map((p) => ({ ...p })),
    memory: [...story.memory],
    votes: story.votes === null ? null : [...story.votes],
  };
}

/** A reply in a line for the agent list: its text, an update's reasons, reactions or votes. */
export function replyText(value: unknown, topics: readonly Topic[]): string {
  const clip = (text: string): string => (text.length > REPLY_CHARS ? `${text.slice(0, REPLY_CHARS)}…` : text);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const field of ['text', 'argument', 'answer']) if (typeof record[field] === 'string') return clip(record[field]);
  }
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    const numbers = items.filter((item): item is number => typeof item === 'number');
    if (items.length === topics.length && numbers.length === topics.length) return `Voted: ${numbers.map((option, topic) => topics[topic]?.options[option] ?? `option ${option + 1}`).join(', ')}.`;
    const reasons = items.map((item) => (typeof item === 'object' && item !== null && 'reason' in item ? String(item.reason) : null));
    if (reasons.every((r) => r !== null)) return clip(reasons.filter((r) => r !== '').join(' '));
    const ups = items.filter((item) => typeof item === 'object' && item !== null && (item as { up?: unknown }).up === true).length;
    return `Reacted to ${items.length} posts: ${ups} up, ${items.length - ups} down.`;
  }
  return value === undefined ? '' : clip(JSON.stringify(value));
}
