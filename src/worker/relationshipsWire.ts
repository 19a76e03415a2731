/**
 * The relationship simulations' state in the protocol's shapes (`protocol/relationshipsScene.ts`):
 * copies with mutable arrays. Returning the wire types makes the compiler check that the two
 * layers' shapes agree.
 */
import type { RelationshipsScene, SimCard, SimDetail } from '../scenarios/relationships/sceneView.ts';
import type { RelationshipsSceneWire, SimCardWire, SimDetailWire } from '../protocol/relationshipsScene.ts';

function card(c: SimCard): SimCardWire {
  return { ...c, commitment: [...c.commitment], names: [c.names[0], c.names[1]], hues: [c.hues[0], c.hues[1]], emotions: [c.emotions[0], c.emotions[1]] };
}

function scene(s: RelationshipsScene): RelationshipsSceneWire {
  return { ...s, sims: s.sims.map(card) };
}

function detail(d: SimDetail): SimDetailWire {
  const persona = (p: SimDetail['pair'][number]) => ({ ...p, likes: [p.likes[0], p.likes[1]] as [string, string] });
  return {
    ...d,
    pair: [persona(d.pair[0]), persona(d.pair[1])],
    affinity: [d.affinity[0], d.affinity[1]],
    emotions: [d.emotions[0], d.emotions[1]],
    commitment: [...d.commitment],
    memories: [[...d.memories[0]], [...d.memories[1]]],
    transcript: d.transcript.map((line) => ({ ...line })),
  };
}

export const relationshipsWire = { scene, detail };
