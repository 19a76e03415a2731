import { describe, expect, it } from 'vitest';
import { BELIEF_PALETTE, beliefColor, beliefStep, cssColor, GREYED } from './beliefColors.ts';

/** WCAG relative luminance of 0xRRGGBB. */
function luminance(color: number): number {
  const channel = (shift: number): number => {
    const c = ((color >> shift) & 255) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}
const contrast = (a: number, b: number): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** styles.css --bg, where the grid's dots are drawn. */
const BACKGROUND = 0x0b1020;

describe('belief colours', () => {
  it('has 11 steps from −1 to +1 in steps of 0.2', () => {
    expect(BELIEF_PALETTE).toHaveLength(11);
    expect([-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1].map(beliefStep)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(beliefColor(-1)).toBe(BELIEF_PALETTE[0]);
    expect(beliefColor(0)).toBe(BELIEF_PALETTE[5]);
    expect(beliefColor(1)).toBe(BELIEF_PALETTE[10]);
  });

  it('clamps, mirrors around 0 and maps a non-number to neutral', () => {
    expect(beliefStep(-7)).toBe(0);
    expect(beliefStep(3)).toBe(10);
    expect(beliefStep(Number.NaN)).toBe(5);
    for (const b of [0.05, 0.1, 0.1999, 0.3, 0.5, 0.77, 0.9]) expect(beliefStep(b) - 5).toBe(5 - beliefStep(-b));
  });

  it('gets lighter towards the middle from both ends (a diverging scale)', () => {
    const lum = BELIEF_PALETTE.map(luminance);
    for (let i = 0; i < 5; i++) {
      expect(lum[i]).toBeLessThan(lum[i + 1] ?? 0);
      expect(lum[10 - i]).toBeLessThan(lum[9 - i] ?? 0);
    }
  });

  it('stands out against the dark background (3:1 for graphics) and the grey differs from every step', () => {
    for (const color of BELIEF_PALETTE) {
      expect(contrast(color, BACKGROUND)).toBeGreaterThanOrEqual(3);
      expect(color).not.toBe(GREYED);
    }
    expect(GREYED).toBe(0x5a6072);
    expect(cssColor(GREYED)).toBe('#5a6072');
    expect(cssColor(0x0000ff)).toBe('#0000ff');
  });
});
