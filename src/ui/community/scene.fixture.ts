/** A community scene message for tests: two epochs, three topics, 24 personas, under a semaphore of 20. */
import type { SceneMessage } from '../../protocol/protocol.ts';
import type { CommunitySceneWire, CommunityViewWire, PersonaStoryWire, PhaseRecordWire } from '../../protocol/scene.ts';

const PHASES = ['debate', 'beliefs-debate', 'chat', 'beliefs-chat', 'posts', 'reactions', 'beliefs-social', 'vote'] as const;

/** The plan of a run of `epochs` epochs: every phase, the vote in the last only. */
export function planOf(epochs: number): CommunityViewWire['plan'] {
  return Array.from({ length: epochs }, (_, i) => PHASES.filter((p) => p !== 'vote' || i + 1 === epochs).map((phase) => ({ epoch: i + 1, phase }))).flat();
}

export function phaseRecord(over: Partial<PhaseRecordWire> & Pick<PhaseRecordWire, 'name'>): PhaseRecordWire {
  return { epoch: 1, calls: 24, wallMs: 1_050, sumLatencyMs: 12_000, speedup: 12_000 / 1_050, fallbacks: 0, ...over };
}

export const TOPICS: CommunityViewWire['topics'] = [
  { id: 0, key: 'tram', statement: 'The town should build a tram line downtown.', options: ['build the tram', 'keep the buses'] },
  { id: 1, key: 'sundays', statement: 'Shops should close on Sundays.', options: ['close on Sundays', 'open on Sundays'] },
  { id: 2, key: 'park', statement: 'The central park should be car-free.', options: ['car-free park', 'cars in the park'] },
];

const bins = (...counts: number[]): number[] => counts;

export function makeScene(over: { scene?: Partial<CommunitySceneWire>; view?: Partial<CommunityViewWire>; persona?: PersonaStoryWire | null } = {}): SceneMessage {
  const scene: CommunitySceneWire = {
    epoch: 1,
    epochs: 2,
    phase: 'beliefs-debate',
    done: false,
    phases: [phaseRecord({ name: 'debate', calls: 6, wallMs: 510, sumLatencyMs: 3_000, speedup: 3_000 / 510 })],
    beliefs: { mean: [0.1, -0.2, 0], spread: [0.5, 0.4, 0.3] },
    posts: 0,
    reactions: { up: 0, down: 0 },
    votes: null,
    ...over.scene,
  };
  const view: CommunityViewWire = {
    topics: TOPICS,
    pairs: Array.from({ length: 12 }, (_, i): [number, number] => [2 * i, 2 * i + 1]),
    debate: [],
    feed: [],
    histograms: [{ epoch: 0, topics: [bins(3, 2, 2, 3, 2, 2, 3, 2, 2, 3), bins(0, 0, 4, 4, 4, 4, 4, 4, 0, 0), bins(12, 0, 0, 0, 0, 0, 0, 0, 0, 12)] }],
    camps: [2, 1, 2],
    tally: null,
    plan: planOf(scene.epochs),
    concurrency: 20,
    ...over.view,
  };
  return { type: 'scene', worldId: 1, scene, view, persona: over.persona ?? null };
}

export function makePersona(over: Partial<PersonaStoryWire> = {}): PersonaStoryWire {
  return {
    id: 3,
    name: 'Ada',
    temper: 'stubborn',
    interest: 'trams',
    openness: 0.4,
    threshold: 0.5,
    beliefs: [0.42, -0.1, 0],
    greyed: false,
    history: [
      { epoch: 0, phase: null, beliefs: [0.2, -0.1, 0] },
      { epoch: 1, phase: 'beliefs-debate', beliefs: [0.42, -0.1, 0] },
    ],
    chats: [{ epoch: 1, partner: 4, partnerName: 'Bo', said: 'Trams are quiet.', heard: 'Buses are cheap.' }],
    posts: [{ id: 0, epoch: 1, author: 3, topic: 0, stance: 0.42, text: 'Build it!', up: 3, down: 1 }],
    memory: ['Bo told me: Buses are cheap.'],
    votes: null,
    ...over,
  };
}
