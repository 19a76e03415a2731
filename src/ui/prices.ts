/**
 * Estimated cost of live calls. Prices are US dollars per million tokens; the defaults are the
 * published list prices when this was written, and the user can edit them to match their bill.
 */
import { z } from 'zod';
import type { Metrics } from '../protocol/protocol.ts';
import { loadJson, saveJson } from './deviceStorage.ts';

const PRICES_ITEM = 'neon.prices';

const price = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() });
const priceTable = z.record(z.string(), price);
export type Price = z.infer<typeof price>;
export type PriceTable = z.infer<typeof priceTable>;

export const DEFAULT_PRICES: PriceTable = {
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
};

/** The saved table, or the defaults. */
export function loadPrices(): PriceTable {
  return loadJson(PRICES_ITEM, priceTable) ?? DEFAULT_PRICES;
}

export function savePrices(table: PriceTable): void {
  saveJson(PRICES_ITEM, table);
}

/** Dollars for these tokens at this price; null when the model has no price. */
export function costOf(tokens: Metrics['tokens'], modelPrice: Price | undefined): number | null {
  if (!modelPrice) return null;
  return (tokens.promptTokens * modelPrice.input + tokens.outputTokens * modelPrice.output) / 1_000_000;
}

/** A cost in dollars, with enough digits to see a fraction of a cent. */
export function formatCost(dollars: number): string {
  if (dollars === 0) return '$0';
  if (dollars < 0.01) return `$${dollars.toFixed(5)}`;
  return `$${dollars.toFixed(dollars < 1 ? 4 : 2)}`;
}
