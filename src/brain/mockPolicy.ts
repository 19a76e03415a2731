import { rngFor, type Rng } from '../sim/rng.ts';
import { STEPS, type Decision, type DecisionRequest, type Goal, type PoiKind, type SeenPoi, type Step } from '../sim/types.ts';

/**
 * The mock brain's mind: a small rule set that reads the same request a model would get and
 * answers in plain sentences. Pure and seeded by (seed, agent, tick), so runs replay exactly,
 * and driven by needs, goal and perception so the demo looks purposeful rather than random.
 */

const SALT_POLICY = 0x706f6c69;
/** Above this a need overrides the agent's goal. */
const NEED_THRESHOLD = 0.6;
/** Chance an agent that reached its goal moves on rather than lingering. */
const MOVE_ON_CHANCE = 0.3;
/** Chance a friendly agent stops to chat with a neighbour rather than walking on. */
const CHAT_CHANCE = 0.6;
/** Chance an explorer keeps the direction its last plan named. */
const KEEP_HEADING_CHANCE = 0.6;

type Move = Omit<Decision, 'say'>;

const WORDS: Readonly<Record<Step, string>> = { N: 'north', E: 'east', S: 'south', W: 'west' };
const GOAL_KIND: Readonly<Record<Goal, PoiKind | undefined>> = {
  'find-water': 'water',
  'find-food': 'food',
  'visit-library': 'library',
  'meet-people': 'plaza',
  explore: undefined,
};

/** Each step's word with a space either side, as a plan names it (`Wander north and see…`). */
const SPACED_WORDS: Readonly<Record<Step, string>> = { N: ` ${WORDS.N} `, E: ` ${WORDS.E} `, S: ` ${WORDS.S} `, W: ` ${WORDS.W} ` };

/** A need the mock can feel: the kind of place that meets it, and how it is said. */
interface Need {
  readonly kind: 'water' | 'food';
  readonly feeling: string;
  readonly verb: string;
}

const THIRST: Need = { kind: 'water', feeling: 'thirsty', verb: 'drink' };
const HUNGER: Need = { kind: 'food', feeling: 'hungry', verb: 'eat' };

/**
 * A deterministic, goal-following decision for one agent (also the instant fallback). It runs
 * once per answer of a batch of thousands, most of them before it is optimised, so its searches
 * are plain indexed loops (no callbacks, no sorted copies, no iterator results, which unoptimised
 * code allocates for each step of a `for…of`); the answers and the draws they take are those of
 * the plain rules, in the same order.
 */
export function mockDecision(request: DecisionRequest): Decision {
  const rng = rngFor(request.seed, request.agentId, request.tick, SALT_POLICY);
  const neighbour = nearAgent(request.perception.agents);
  const greeting = neighbour && request.traits.includes('friendly') ? `Hi, ${neighbour.name}!` : undefined;
  const move =
    needMove(request, rng) ??
    goalMove(request, rng) ??
    (greeting && neighbour && rng.chance(CHAT_CHANCE) ? chat(neighbour.name) : undefined) ??
    explore(request, rng);
  return greeting === undefined ? move : { ...move, say: greeting };
}

/** The first agent seen within 2 steps (either axis), if any. */
function nearAgent(agents: DecisionRequest['perception']['agents']): DecisionRequest['perception']['agents'][number] | undefined {
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i];
    if (a !== undefined && Math.max(Math.abs(a.dx), Math.abs(a.dy)) <= 2) return a;
  }
  return undefined;
}

/** The first POI of `kind` seen, if any. */
function poiOf(pois: readonly SeenPoi[], kind: PoiKind): SeenPoi | undefined {
  for (let i = 0; i < pois.length; i++) {
    const p = pois[i];
    if (p !== undefined && p.kind === kind) return p;
  }
  return undefined;
}

/** The stronger need above the threshold (thirst on a tie, as it is listed first), if any. */
function pressingNeed(request: DecisionRequest): Need | undefined {
  const { thirst, hunger } = request.needs;
  if (thirst > NEED_THRESHOLD && !(hunger > thirst)) return THIRST;
  if (hunger > NEED_THRESHOLD) return HUNGER;
  return undefined;
}

function needMove(request: DecisionRequest, rng: Rng): Move | undefined {
  const need = pressingNeed(request);
  if (!need) return undefined;
  const poi = poiOf(request.perception.pois, need.kind);
  if (!poi) return explore(request, rng, `I'm ${need.feeling} but I can't see any ${need.kind}; I'll search.`);
  const here: Move = { thought: `I'm at the ${poi.name}; time to ${need.verb}.`, plan: `Stay by the ${poi.name} until I'm no longer ${need.feeling}.`, action: 'STAY' };
  return headTo(request, rng, poi, here, (dir) => ({
    thought: `I'm ${need.feeling}; the ${poi.name} is ${distance(poi.dx, poi.dy)} away, and ${WORDS[dir]} takes me closer.`,
    plan: `Walk ${WORDS[dir]} to the ${poi.name} and ${need.verb}.`,
    action: dir,
  }));
}

function goalMove(request: DecisionRequest, rng: Rng): Move | undefined {
  if (request.goal === 'meet-people') {
    const other = request.perception.agents[0];
    if (other && Math.max(Math.abs(other.dx), Math.abs(other.dy)) > 1) {
      const dir = stepToward(other.dx, other.dy, request.perception.blocked);
      if (dir) {
        return { thought: `I see ${other.name} ${distance(other.dx, other.dy)} away; I'll go ${WORDS[dir]} to meet them.`, plan: `Walk ${WORDS[dir]} toward ${other.name}.`, action: dir };
      }
    }
  }
  const kind = GOAL_KIND[request.goal];
  const poi = kind === undefined ? undefined : poiOf(request.perception.pois, kind);
  if (!poi) return undefined;
  if (Math.max(Math.abs(poi.dx), Math.abs(poi.dy)) <= 1 && rng.chance(MOVE_ON_CHANCE)) {
    return explore(request, rng, `I've spent time at the ${poi.name}; let's see what else is out there.`);
  }
  const here: Move = { thought: `I've made it to the ${poi.name}.`, plan: `Stay a while at the ${poi.name}.`, action: 'STAY' };
  return headTo(request, rng, poi, here, (dir) => ({
    thought: `I want to ${goalPhrase(request.goal)}; the ${poi.name} is ${distance(poi.dx, poi.dy)} away, and ${WORDS[dir]} takes me closer.`,
    plan: `Head ${WORDS[dir]} to the ${poi.name}.`,
    action: dir,
  }));
}

/** Steps toward a POI; stays when on it or beside it with the way onto it blocked. */
function headTo(request: DecisionRequest, rng: Rng, poi: SeenPoi, here: Move, walk: (dir: Step) => Move): Move | undefined {
  if (poi.dx === 0 && poi.dy === 0) return here;
  const dir = stepToward(poi.dx, poi.dy, request.perception.blocked);
  if (dir) return walk(dir);
  if (Math.max(Math.abs(poi.dx), Math.abs(poi.dy)) <= 1) return here;
  return explore(request, rng, `The way to the ${poi.name} is blocked; I'll try another way.`);
}

/** The axis with the larger offset first (east-west on a tie), then the other; never a blocked one. */
function stepToward(dx: number, dy: number, blocked: Readonly<Record<Step, boolean>>): Step | undefined {
  const horizontal: Step | undefined = dx > 0 ? 'E' : dx < 0 ? 'W' : undefined;
  const vertical: Step | undefined = dy > 0 ? 'S' : dy < 0 ? 'N' : undefined;
  const order = Math.abs(dx) >= Math.abs(dy) ? [horizontal, vertical] : [vertical, horizontal];
  return order.find((dir): dir is Step => dir !== undefined && !blocked[dir]);
}

function chat(name: string): Move {
  return { thought: `${name} is right here; I'll stop and say hello.`, plan: `Chat with ${name} for a moment.`, action: 'STAY' };
}

function explore(request: DecisionRequest, rng: Rng, reason?: string): Move {
  const { blocked } = request.perception;
  const open: Step[] = [];
  for (let i = 0; i < STEPS.length; i++) {
    const dir = STEPS[i] as Step;
    if (!blocked[dir]) open.push(dir);
  }
  if (open.length === 0) {
    return { thought: reason ?? "I'm boxed in for now.", plan: 'Wait here until a path opens.', action: 'STAY' };
  }
  // Explorers keep their heading now and then, so their paths look like walks, not jitter.
  let previous: Step | undefined;
  for (let i = 0; i < open.length; i++) {
    const dir = open[i] as Step;
    if (request.lastPlan.includes(SPACED_WORDS[dir])) {
      previous = dir;
      break;
    }
  }
  const dir = previous && rng.chance(KEEP_HEADING_CHANCE) ? previous : rng.pick(open);
  const musing = request.traits.includes('curious') ? `I wonder what lies to the ${WORDS[dir]}.` : `Nothing urgent; I'll explore to the ${WORDS[dir]}.`;
  return { thought: reason ?? musing, plan: `Wander ${WORDS[dir]} and see what I find.`, action: dir };
}

function goalPhrase(goal: Goal): string {
  switch (goal) {
    case 'find-water':
      return 'find water';
    case 'find-food':
      return 'find food';
    case 'visit-library':
      return 'visit the library';
    case 'meet-people':
      return 'meet people at the plaza';
    case 'explore':
      return 'explore';
  }
}

/**
 * "1 step", "5 steps": the walking distance (agents step N/E/S/W, so it is Manhattan). It names
 * no direction on purpose: a target "3 east and 4 north" reached by stepping north would put a
 * direction in the thought that the action contradicts (issue 9), so a thought names only the
 * direction the agent decided.
 */
export function distance(dx: number, dy: number): string {
  const steps = Math.abs(dx) + Math.abs(dy);
  return steps === 1 ? '1 step' : `${steps} steps`;
}

