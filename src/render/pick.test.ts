import { describe, expect, it } from 'vitest';
import { agentInCell } from './pick.ts';

describe('agentInCell', () => {
  const positions = Uint16Array.from([0, 0, 3, 4, 7, 7, 3, 4, 3, 4]);

  it('finds the agent on a cell', () => {
    expect(agentInCell(positions, 7, 7, -1)).toBe(2);
    expect(agentInCell(positions, 0, 0, -1)).toBe(0);
  });

  it('returns -1 for an empty cell', () => {
    expect(agentInCell(positions, 1, 1, -1)).toBe(-1);
    expect(agentInCell(new Uint16Array(0), 0, 0, -1)).toBe(-1);
  });

  it('cycles through agents sharing a cell, wrapping around', () => {
    expect(agentInCell(positions, 3, 4, -1)).toBe(1);
    expect(agentInCell(positions, 3, 4, 1)).toBe(3);
    expect(agentInCell(positions, 3, 4, 3)).toBe(4);
    expect(agentInCell(positions, 3, 4, 4)).toBe(1);
  });

  it('starts with the first agent when the selected one is elsewhere', () => {
    expect(agentInCell(positions, 3, 4, 2)).toBe(1);
  });
});
