/**
 * Who meets whom: chat pairs by nearest-neighbour matching on the grid, the neighbours a persona
 * follows, and the feed it reads, ranked by a simple hot score. Pure functions of the state.
 */
import { hash32 } from '../../sim/rng.ts';
import type { Persona, Post } from './types.ts';

const SALT_TIE = 0x74696521;
/** How many nearest others are considered for a chat partner before the leftovers are matched. */
const PAIR_CANDIDATES = 8;
/** How many nearest neighbours a persona follows in its feed. */
export const FOLLOWS = 8;

function distance2(a: Persona, b: Persona): number {
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
}

/** The `k` personas nearest `who` (ties by id), nearest first. */
export function nearest(personas: readonly Persona[], who: Persona, k: number): Persona[] {
  const best: { p: Persona; d: number }[] = [];
  for (const p of personas) {
    if (p.id === who.id) continue;
    const d = distance2(who, p);
    if (best.length === k && d >= (best[k - 1]?.d ?? Infinity)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1]?.d ?? 0) > d) at--;
    best.splice(at, 0, { p, d });
    if (best.length > k) best.pop();
  }
  return best.map((entry) => entry.p);
}

/**
 * Chat pairs: every pair of near neighbours, closest first (ties by ids), is matched when both
 * are still free. Those left over (their near ones were taken) are matched among themselves the
 * same way, so everyone chats but one when the count is odd.
 */
export function chatPairs(personas: readonly Persona[]): [number, number][] {
  const free = new Set(personas.map((p) => p.id));
  const pairs: [number, number][] = [];
  const match = (edges: { a: number; b: number; d: number }[]): void => {
    edges.sort((e, f) => e.d - f.d || e.a - f.a || e.b - f.b);
    for (const { a, b } of edges) {
      if (free.has(a) && free.has(b)) {
        free.delete(a);
        free.delete(b);
        pairs.push([a, b]);
      }
    }
  };
  const near = new Map<string, { a: number; b: number; d: number }>();
  for (const p of personas) {
    for (const q of nearest(personas, p, PAIR_CANDIDATES)) {
      const a = Math.min(p.id, q.id);
      const b = Math.max(p.id, q.id);
      near.set(`${a},${b}`, { a, b, d: distance2(p, q) });
    }
  }
  match([...near.values()]);
  const left = personas.filter((p) => free.has(p.id));
  const rest: { a: number; b: number; d: number }[] = [];
  for (let i = 0; i < left.length; i++) {
    for (let j = i + 1; j < left.length; j++) {
      const p = left[i];
      const q = left[j];
      if (p && q) rest.push({ a: p.id, b: q.id, d: distance2(p, q) });
    }
  }
  match(rest);
  return pairs.sort((e, f) => e[0] - f[0]);
}

/**
 * A post's hot score, Hacker News' shape: net reactions (plus one, so a new post is not zero)
 * over its age in epochs, with gravity 1.5, so newer posts and well-liked ones rise.
 */
export function hotScore(post: Post, epoch: number): number {
  return (post.up - post.down + 1) / (epoch - post.epoch + 2) ** 1.5;
}

/** Every post, hottest first; equal scores in a seeded order, so no id is always on top. */
export function rankPosts(posts: readonly Post[], epoch: number, seed: number): Post[] {
  const scored = posts.map((post) => ({ post, hot: hotScore(post, epoch), tie: hash32(seed, post.id, SALT_TIE) }));
  scored.sort((a, b) => b.hot - a.hot || a.tie - b.tie);
  return scored.map((entry) => entry.post);
}

/**
 * What a persona reads: the `size` hottest posts among those of the neighbours it follows and
 * the community's single hottest post, never its own.
 */
export function feedOf(viewer: Persona, personas: readonly Persona[], ranked: readonly Post[], size: number): Post[] {
  const follows = new Set(nearest(personas, viewer, FOLLOWS).map((p) => p.id));
  const trending = ranked.find((post) => post.author !== viewer.id);
  const feed: Post[] = [];
  for (const post of ranked) {
    if (feed.length >= size) break;
    if (post.author !== viewer.id && (follows.has(post.author) || post === trending)) feed.push(post);
  }
  return feed;
}
