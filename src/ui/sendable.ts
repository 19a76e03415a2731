/**
 * What settings can cross to the worker. `postMessage` copies its message with the structured
 * clone algorithm, which throws a DataCloneError for a function, a Symbol, a DOM node or a
 * proxy. A setting that cannot be copied is named here before anything is posted, so one bad
 * value neither throws at the caller (from `window.sandbox.configure`, as an uncaught page
 * error) nor keeps the good values of the same patch from being applied.
 */
import type { ConfigProblem } from '../protocol/config.ts';
import type { ConfigureResult } from './client.ts';
import { problemsNotice, setNotice, type SandboxStore } from './store.ts';

/** The key a problem names when the whole argument of `configure` is wrong, not one setting. */
export const WHOLE_PATCH = 'configure';

/** Splits a patch into what can be posted and a problem per value that cannot. */
export function sendablePatch(patch: Readonly<Record<string, unknown>>): { patch: Record<string, unknown>; problems: ConfigProblem[] } {
  const sendable: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(patch)) {
    let why: string | null;
    try {
      why = unsendable(patch[key]);
      if (why === null) sendable[key] = patch[key];
    } catch (error) {
      // A getter or proxy trap that throws while the value is read.
      why = `a value that could not be read (${errorText(error)})`;
    }
    if (why !== null) problems.push({ key, message: `${key} was ignored: ${why} cannot be sent to the simulation.` });
  }
  return { patch: sendable, problems };
}

/** Null when `value` is an object of settings; else the problem that says what it is instead. */
export function patchProblem(value: unknown): ConfigProblem | null {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return null;
  return { key: WHOLE_PATCH, message: `configure takes an object of settings, such as { agents: 50 }, not ${describe(value)}.` };
}

function unsendable(value: unknown): string | null {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a Symbol';
  if (value === null || typeof value !== 'object') return null;
  // The same algorithm postMessage runs, so it refuses exactly what postMessage would.
  try {
    structuredClone(value);
    return null;
  } catch (error) {
    return `a value that cannot be copied (${errorText(error)})`;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string ('${value.slice(0, 40)}')`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `a ${typeof value} (${String(value)})`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a Symbol';
    default:
      return 'that value';
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Nothing was sent: the settings in force stay, and the notice names why, as for a refused value. */
export function refuseSettings(store: SandboxStore, problem: ConfigProblem): ConfigureResult {
  setNotice(store, 'settings', problemsNotice([problem]));
  const { config, keyOrigins } = store.getState();
  return { config, problems: [problem], keyOrigins };
}
