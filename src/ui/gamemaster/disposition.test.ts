import { describe, expect, it } from 'vitest';
import { BELIEF_PALETTE, beliefBin } from '../../render/palette.ts';
import { dispositionBar, dispositionText, signedText } from './disposition.ts';

const css = (color: number | undefined): string => `#${(color ?? 0).toString(16).padStart(6, '0')}`;

describe('a villager’s disposition', () => {
  it('reads with its sign and a word', () => {
    expect(dispositionText(0.42)).toBe('+0.42 friendly');
    expect(dispositionText(-0.7)).toBe('−0.70 hostile');
    expect(dispositionText(0.001)).toBe('0.00 neutral');
    expect(dispositionText(-0.2)).toBe('−0.20 neutral');
    expect(signedText(-0.004)).toBe('0.00');
  });

  it('draws a bar from the middle in the grid’s colours', () => {
    expect(dispositionBar(0.5)).toEqual({ left: 50, width: 25, color: css(BELIEF_PALETTE[beliefBin(0.5)]) });
    expect(dispositionBar(-1)).toEqual({ left: 0, width: 50, color: css(BELIEF_PALETTE[0]) });
    expect(dispositionBar(3)).toMatchObject({ left: 50, width: 50 });
    expect(dispositionBar(Number.NaN)).toMatchObject({ left: 50, width: 0 });
  });
});
