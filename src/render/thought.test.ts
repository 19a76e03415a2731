import { describe, expect, it } from 'vitest';
import { clipThought, THOUGHT_MAX_CHARS } from './thought.ts';

describe('clipThought', () => {
  it('keeps short thoughts, with whitespace collapsed', () => {
    expect(clipThought('  Thirsty.\n Going   to the well. ')).toBe('Thirsty. Going to the well.');
  });

  it('cuts long thoughts at a word boundary with an ellipsis, within the limit', () => {
    const long = 'word '.repeat(60);
    const clipped = clipThought(long);
    expect(clipped.length).toBeLessThanOrEqual(THOUGHT_MAX_CHARS);
    expect(clipped.endsWith('word…')).toBe(true);
  });

  it('cuts mid-word when there is no space near the end', () => {
    const clipped = clipThought('x'.repeat(300), 10);
    expect(clipped).toBe(`${'x'.repeat(9)}…`);
  });
});
