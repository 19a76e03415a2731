/** Relationship scene messages for tests: twelve simulations of three scenes, simulation 4 failed. */
import type { RelSceneMessage, WorldMessage } from '../../protocol/protocol.ts';
import type { RelationshipsSceneWire, SimCardWire, SimDetailWire } from '../../protocol/relationshipsScene.ts';

const PAIRS: readonly (readonly [string, string])[] = [['Ada', 'Bo'], ['Cy', 'Dee'], ['Eli', 'Fay'], ['Gus', 'Hal'], ['Ivy', 'Jo'], ['Kit', 'Lu']];

export function makeCard(over: Partial<SimCardWire> & Pick<SimCardWire, 'id'>): SimCardWire {
  const pair = PAIRS[over.id % PAIRS.length] ?? ['Ada', 'Bo'];
  return {
    status: 'running',
    scene: 2,
    scenes: 3,
    commitment: [0.62],
    error: null,
    names: [pair[0], pair[1]],
    hues: [30 * over.id, 30 * over.id + 180],
    emotions: ['joy', 'calm'],
    step: 'act-1',
    calls: 9,
    fallbacks: 0,
    ownMs: 4_500,
    retries: 0,
    retrying: false,
    ...over,
  };
}

/** Sims 0–7 running, 8–10 done, 4 failed (its every call failed), 11 running: 8 running, 3 done, 1 failed. */
export function fixtureCards(): SimCardWire[] {
  return Array.from({ length: 12 }, (_, id) => {
    if (id === 4) {
      return makeCard({ id, status: 'failed', scene: 1, commitment: [], step: null, emotions: ['calm', 'calm'], error: 'Simulation 4 failed at scene 1 (context) after 3 calls in a row failed (server error).' });
    }
    if (id >= 8 && id <= 10) return makeCard({ id, status: 'done', scene: 3, commitment: [0.62, 0.71, 0.8], step: null, emotions: ['trust', 'joy'] });
    return makeCard({ id });
  });
}

/** The scene while the first pass runs: no figures yet. */
export function makeRelScene(scene: Partial<RelationshipsSceneWire> = {}, detail: SimDetailWire | null = null): RelSceneMessage {
  return {
    type: 'relScene',
    worldId: 1,
    scene: { sims: fixtureCards(), wallMs: null, sumMs: null, floorMs: null, speedup: null, spread: null, elapsedMs: 3_200, running: 8, done: 3, failed: 1, ...scene },
    detail,
  };
}

/** The figures once the first pass over the set has ended. */
export const MEASURED: Partial<RelationshipsSceneWire> = { wallMs: 10_600, sumMs: 63_200, floorMs: 0, speedup: 63_200 / 10_600, spread: 0.027, elapsedMs: 10_600 };

export function makeDetail(over: Partial<SimDetailWire> = {}): SimDetailWire {
  const persona = (name: string, hue: number) => ({ name, likes: ['art', 'humour'] as [string, string], dislikes: 'security', warmth: 0.7, assertiveness: 0.3, hue });
  return {
    id: 1,
    status: 'running',
    error: null,
    pair: [persona('Cy', 30), persona('Dee', 210)],
    setting: 'A rainy afternoon in a gallery.',
    affinity: [0.42, -0.4],
    emotions: ['joy', 'anger'],
    commitment: [0.62],
    memories: [['Dee teased me about art.'], []],
    transcript: [
      { scene: 1, step: 'context', speaker: 'master', text: 'A gallery (about art)', source: 'mock', ms: 500 },
      { scene: 1, step: 'act-1', speaker: 0, text: 'Look at <b>this</b> one!', source: 'mock', ms: 512 },
      { scene: 1, step: 'act-1', speaker: 1, text: 'It is fine, I suppose.', source: 'fallback', ms: 1_020 },
      { scene: 1, step: 'commit', speaker: 'master', text: 'Commitment 0.62: warm.', source: 'mock', ms: 498 },
      { scene: 2, step: 'context', speaker: 'master', text: 'A market (about humour)', source: 'gemini', ms: 640 },
    ],
    calls: 9,
    fallbacks: 1,
    ownMs: 4_500,
    retries: 0,
    ...over,
  };
}

/** The world of twelve simulations: three askers each, named as the worker names them. */
export function relWorld(scenario: WorldMessage['scenario'] = 'relationships', sims = 12): WorldMessage {
  const agents = Array.from({ length: sims * 3 }, (_, id) => {
    const sim = Math.floor(id / 3);
    const pair = PAIRS[sim % PAIRS.length] ?? ['Ada', 'Bo'];
    const who = id % 3 === 0 ? 'scene master' : (id % 3 === 1 ? pair[0] : pair[1]);
    return { id, name: `Sim ${sim} · ${who}`, traits: [], goal: '' };
  });
  return { type: 'world', worldId: 1, width: 4, height: 4, walls: new Uint8Array(16), pois: [], agents, scenario, topics: 0 };
}
