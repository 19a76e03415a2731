/**
 * What the page keeps on this device, in localStorage: the API key only when the user opts in,
 * with the endpoints it was given for, and the price table. (Each key's request counts are kept
 * by the budget coordinator, under a hash of the key.) Every access is guarded, because storage
 * can be switched off or full, and a sandbox must keep working without it.
 */
import { z } from 'zod';
import { GOOGLE_ORIGIN } from '../protocol/config.ts';

const KEY_ITEM = 'neon.geminiKey';

function read(item: string): string | null {
  try {
    return localStorage.getItem(item);
  } catch {
    return null;
  }
}

function write(item: string, value: string | null): boolean {
  try {
    if (value === null) localStorage.removeItem(item);
    else localStorage.setItem(item, value);
    return true;
  } catch {
    return false;
  }
}

/** A remembered key and the endpoints (origins) it may be sent to. */
export interface RememberedKey {
  readonly key: string;
  readonly origins: readonly string[];
}

const rememberedSchema = z.object({ key: z.string().trim().min(1), origins: z.array(z.string()) });

/**
 * The remembered key, or null when the user did not ask to remember one. A key stored before
 * keys were bound to endpoints is taken as given for Google's, where keys come from.
 */
export function rememberedKey(): RememberedKey | null {
  const raw = read(KEY_ITEM);
  if (raw === null || raw.trim() === '') return null;
  if (!raw.trimStart().startsWith('{')) return { key: raw.trim(), origins: [GOOGLE_ORIGIN] };
  return loadJson(KEY_ITEM, rememberedSchema) ?? null;
}

/** Remembers the key on this device with where it may go (the user asked to); false when storage refused. */
export function rememberKey(key: string, origins: readonly string[]): boolean {
  return saveJson(KEY_ITEM, { key, origins });
}

export function forgetRememberedKey(): void {
  write(KEY_ITEM, null);
}

/** Reads a stored JSON value, ignoring anything that does not parse or match the schema. */
export function loadJson<T>(item: string, schema: z.ZodType<T>): T | undefined {
  const raw = read(item);
  if (raw === null) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a value as JSON; false when storage refused. */
export function saveJson(item: string, value: unknown): boolean {
  return write(item, JSON.stringify(value));
}
