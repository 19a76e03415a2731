/**
 * The middle page of `npm run perf`'s size check: the app's own stage (`src/render/stage.ts`,
 * the map, the agents and their interpolation, as the app draws them) with nothing else of the
 * app: no React, no panels, no worker, no store, no messages. Its frame rate against the bare
 * particles says what the app's drawing costs; the app's against it, what the rest of the app
 * costs per frame. `?n=N&w=W&h=H` sizes it like the app's stage.
 *
 * The world is the app's (`createWorld` with the same defaults and seed, so the same map), and
 * a new tick comes every 100 ms as in the app. The walk is made here, cheaply, rather than by
 * `sim/step.ts`: the app steps in its worker, and stepping 10,000 agents on this page's main
 * thread would charge the drawing with work the app does elsewhere. Each agent walks its
 * heading and turns right at a wall or the edge, as `step` does, but ignores the others; it
 * also takes a random new heading now and then, so the crowd stays spread out as in the app
 * (where the others block the way and decisions turn it) rather than gathering along the walls.
 */
// Types only from the protocol (worldMessage.ts imports it so too): its zod schemas would be
// built here before the app's jitless setting (src/zodSetup.ts) in the chunk this page shares
// with the app, and probe for eval.
import type { TickMessage } from '../../src/protocol/protocol.ts';
import { mountStage } from '../../src/render/stage.ts';
import type { FramePair } from '../../src/render/source.ts';
import { isWall } from '../../src/sim/grid.ts';
import { DELTAS } from '../../src/sim/step.ts';
import { STEPS } from '../../src/sim/types.ts';
import { createWorld, defaultWorldConfig } from '../../src/sim/world.ts';
import { packPositions, worldOf } from '../../src/worker/worldMessage.ts';
import { markReady, pageSize, seededRandom } from './baselinePage.ts';

const TICK_MS = 100;
/** The chance per tick that an agent takes a random new heading (1/80 still piled them up along the walls). */
const TURN_CHANCE = 1 / 10;

const random = seededRandom(12345);
const { count, width, height } = pageSize(new URLSearchParams(location.search));

const state = createWorld(defaultWorldConfig({ agents: count }));
const world = worldOf(1, state);
/** Every agent idle (state code 0, protocol `STATE_CODE`), as between batches in the app's drawing windows. */
const states = new Uint8Array(count);
const headings = state.agents.map((a) => Math.max(0, STEPS.indexOf(a.heading === 'STAY' ? 'N' : a.heading)));

/** What the renderer reads of a tick; the rest (calls, metrics) is for the panels, which this page has none of. */
function tickOf(tick: number, positions: Uint16Array<ArrayBuffer>): TickMessage {
  const drawn: Pick<TickMessage, 'type' | 'worldId' | 'tick' | 'running' | 'tickMs' | 'positions' | 'states' | 'selected' | 'beliefs' | 'links' | 'emotes'> = {
    type: 'tick', worldId: world.worldId, tick, running: true, tickMs: TICK_MS, positions, states, selected: null, beliefs: null, links: null, emotes: null,
  };
  return drawn as TickMessage;
}

/** The next positions: one cell along each heading, turning right (N → E → S → W) when blocked. */
function walk(from: Uint16Array): Uint16Array<ArrayBuffer> {
  const next = new Uint16Array(from.length);
  for (let i = 0; i < headings.length; i++) {
    const x = from[i * 2] ?? 0;
    const y = from[i * 2 + 1] ?? 0;
    next[i * 2] = x;
    next[i * 2 + 1] = y;
    const start = random() < TURN_CHANCE ? Math.floor(random() * 4) : (headings[i] ?? 0);
    for (let turn = 0; turn < 4; turn++) {
      const heading = (start + turn) % 4;
      const [dx, dy] = DELTAS[STEPS[heading] ?? 'N'];
      if (isWall(state.grid, x + dx, y + dy)) continue;
      headings[i] = heading;
      next[i * 2] = x + dx;
      next[i * 2 + 1] = y + dy;
      break;
    }
  }
  return next;
}

let tick = 0;
let pair: FramePair = { prev: null, curr: tickOf(tick, packPositions(state)), receivedAt: performance.now() };
setInterval(() => {
  tick++;
  pair = { prev: pair.curr, curr: tickOf(tick, walk(pair.curr.positions)), receivedAt: performance.now() };
}, TICK_MS);

const container = document.getElementById('stage');
if (container) {
  container.style.width = `${width}px`;
  container.style.height = `${height}px`;
  void mountStage(container, {
    world: () => world,
    frames: () => pair,
    selected: () => null,
    select: () => undefined,
    colorTopic: () => 0,
    reportFps: () => undefined,
  }).then(() => {
    requestAnimationFrame(() => requestAnimationFrame(markReady));
  });
}
