/**
 * A scripted player for benches and soak tests: realistic actions, seeded, in which the player
 * repeats itself ("look around", "talk to the baker"), often in other words, picks the suggested
 * actions, and now and then tries something new.
 */
import { uniformFrom } from '../../sim/rng.ts';

const SALT_SCRIPT = 0x73637270;

/** Groups of wordings of one action; the weight is how often a fresh pick lands on it. */
export const SCRIPT_ACTIONS: readonly { readonly weight: number; readonly wordings: readonly string[] }[] = [
  { weight: 4, wordings: ['look around', 'I look around', 'Look around.', 'what is here?'] },
  { weight: 4, wordings: ['talk to the baker', 'I talk to the baker', 'say hello to the baker', 'chat with the baker'] },
  { weight: 3, wordings: ['I take the bread from the stall', 'take bread from the stall', 'grab a loaf from the market stall'] },
  { weight: 2, wordings: ['talk to the innkeeper', 'speak with the innkeeper', 'greet the innkeeper'] },
  { weight: 2, wordings: ['go to the well', 'walk to the well'] },
  { weight: 2, wordings: ['go to the inn', 'head to the tavern', 'walk to the inn'] },
  { weight: 2, wordings: ['talk to the guard', 'ask the guard about the village'] },
  { weight: 2, wordings: ['go to the square', 'walk back to the square'] },
  { weight: 1, wordings: ['give the bread to the guard', 'hand the guard a loaf of bread'] },
  { weight: 1, wordings: ['take an apple', 'grab an apple from the stall'] },
  { weight: 1, wordings: ['look at the smith', 'watch the smith at work'] },
  { weight: 1, wordings: ['go to the smithy', 'visit the forge'] },
  { weight: 1, wordings: ['dance a little jig'] },
  { weight: 0.5, wordings: ['attack the smith', 'punch the smith'] },
];

const TOTAL_WEIGHT = SCRIPT_ACTIONS.reduce((sum, action) => sum + action.weight, 0);

/** Share of turns that repeat one of the last three actions, and that take a suggestion. */
export const REPEAT_SHARE = 0.4;
export const SUGGESTION_SHARE = 0.3;

function pickOf<T>(items: readonly T[], u: number): T | undefined {
  return items[Math.min(items.length - 1, Math.floor(u * items.length))];
}

/** Another wording of the same action, when the script knows one (else the same words). */
function reword(action: string, u: number): string {
  const group = SCRIPT_ACTIONS.find((entry) => entry.wordings.includes(action));
  return group ? (pickOf(group.wordings, u) ?? action) : action;
}

/** The scripted player's action for turn `turn` (1-based), given its earlier actions (newest last) and the suggestions. */
export function scriptedAction(seed: number, turn: number, history: readonly string[], suggested: readonly string[]): string {
  const u = (salt: number): number => uniformFrom(seed, turn, SALT_SCRIPT, salt);
  const r = u(1);
  const recent = history.slice(-3);
  if (recent.length > 0 && r < REPEAT_SHARE) {
    const again = pickOf(recent, u(2)) ?? 'look around';
    return u(3) < 0.5 ? again : reword(again, u(4));
  }
  if (suggested.length > 0 && r < REPEAT_SHARE + SUGGESTION_SHARE) return pickOf(suggested, u(5)) ?? 'look around';
  let w = u(6) * TOTAL_WEIGHT;
  for (const action of SCRIPT_ACTIONS) {
    w -= action.weight;
    if (w < 0) return pickOf(action.wordings, u(7)) ?? 'look around';
  }
  return 'look around';
}
