import { describe, expect, it } from 'vitest';
import { costOf, DEFAULT_PRICES, formatCost } from './prices.ts';

describe('cost estimate', () => {
  it('prices input and output tokens per million', () => {
    const tokens = { promptTokens: 2_000_000, outputTokens: 100_000, totalTokens: 2_100_000 };
    expect(costOf(tokens, DEFAULT_PRICES['gemini-2.5-flash'])).toBeCloseTo(0.6 + 0.25);
    expect(costOf(tokens, undefined)).toBeNull();
  });

  it('formats fractions of a cent visibly', () => {
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.000123)).toBe('$0.00012');
    expect(formatCost(0.25)).toBe('$0.2500');
    expect(formatCost(12.3456)).toBe('$12.35');
  });
});
