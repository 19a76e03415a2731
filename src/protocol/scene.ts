/**
 * What a scenario other than the grid tells the page, checked with zod where it arrives: the
 * contract's public state (`snapshot().scene`) and what the page draws of it. The community is
 * the first; its shapes mirror `scenarios/community/sceneView.ts` (checked equal at compile time
 * in `worker/listsAgree.test.ts`), because the protocol may not import the scenarios.
 */
import { z } from 'zod';

const phaseName = z.enum(['debate', 'beliefs-debate', 'chat', 'beliefs-chat', 'posts', 'reactions', 'beliefs-social', 'vote']);

const phaseRecord = z.object({
  name: phaseName,
  epoch: z.number(),
  calls: z.number(),
  wallMs: z.number(),
  sumLatencyMs: z.number(),
  speedup: z.number(),
  fallbacks: z.number(),
});

/** The contract's `scene` for `scenario=community`. */
export const communitySceneSchema = z.object({
  epoch: z.number(),
  epochs: z.number(),
  phase: z.string().nullable(),
  done: z.boolean(),
  phases: z.array(phaseRecord),
  beliefs: z.object({ mean: z.array(z.number()), spread: z.array(z.number()) }),
  posts: z.number(),
  reactions: z.object({ up: z.number(), down: z.number() }),
  votes: z.record(z.string(), z.number()).nullable(),
});

const topic = z.object({ id: z.number(), key: z.string(), statement: z.string(), options: z.tuple([z.string(), z.string()]) });
const post = z.object({
  id: z.number(),
  epoch: z.number(),
  author: z.number(),
  topic: z.number(),
  stance: z.number(),
  text: z.string(),
  up: z.number(),
  down: z.number(),
  authorName: z.string(),
  hot: z.number(),
});

/** What the community panel draws besides the grid (which the tick carries). */
export const communityViewSchema = z.object({
  topics: z.array(topic),
  pairs: z.array(z.tuple([z.number(), z.number()])),
  debate: z.array(z.object({ topic: z.number(), side: z.enum(['for', 'against']), speaker: z.number(), stance: z.number(), text: z.string() })),
  feed: z.array(post),
  histograms: z.array(z.object({ epoch: z.number(), topics: z.array(z.array(z.number())) })),
  camps: z.array(z.number()),
  tally: z.array(z.object({ topic: z.number(), options: z.array(z.object({ option: z.string(), votes: z.number() })) })).nullable(),
  plan: z.array(z.object({ epoch: z.number(), phase: phaseName })),
  concurrency: z.number(),
});

/** One persona's story, for the selected persona. */
export const personaStorySchema = z.object({
  id: z.number(),
  name: z.string(),
  temper: z.string(),
  interest: z.string(),
  openness: z.number(),
  threshold: z.number(),
  beliefs: z.array(z.number()),
  greyed: z.boolean(),
  history: z.array(z.object({ epoch: z.number(), phase: phaseName.nullable(), beliefs: z.array(z.number()) })),
  chats: z.array(z.object({ epoch: z.number(), partner: z.number(), partnerName: z.string(), said: z.string(), heard: z.string() })),
  posts: z.array(post.omit({ authorName: true, hot: true })),
  memory: z.array(z.string()),
  votes: z.array(z.number()).nullable(),
});

export type CommunitySceneWire = z.infer<typeof communitySceneSchema>;
export type CommunityViewWire = z.infer<typeof communityViewSchema>;
export type PersonaStoryWire = z.infer<typeof personaStorySchema>;
export type PhaseRecordWire = z.infer<typeof phaseRecord>;
