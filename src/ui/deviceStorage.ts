/**
 * What the page keeps on this device, in localStorage: the API key only when the user opts in,
 * today's live request count, and the price table. Every access is guarded, because storage can
 * be switched off or full, and a sandbox must keep working without it.
 */
import { z } from 'zod';

const KEY_ITEM = 'neon.geminiKey';
const USAGE_ITEM = 'neon.usage';

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

/** The remembered key, or null when the user did not ask to remember one. */
export function rememberedKey(): string | null {
  const key = read(KEY_ITEM);
  return key === null || key.trim() === '' ? null : key;
}

/** Remembers the key on this device (the user asked to); false when storage refused. */
export function rememberKey(key: string): boolean {
  return write(KEY_ITEM, key);
}

export function forgetRememberedKey(): void {
  write(KEY_ITEM, null);
}

const usageSchema = z.object({ day: z.string(), count: z.number().int().nonnegative() });
export type SavedUsage = z.infer<typeof usageSchema>;

/** Live requests counted earlier today in this browser, so a reload does not reset the count. */
export function savedUsage(): SavedUsage | undefined {
  return loadJson(USAGE_ITEM, usageSchema);
}

export function saveUsage(usage: SavedUsage): void {
  saveJson(USAGE_ITEM, usage);
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
