import { describe, expect, it } from 'vitest';
import { patchEdges } from './sandboxApi.ts';

describe('patchEdges', () => {
  it('names a non-string apiKey and a __proto__ key, which would otherwise vanish silently', () => {
    const fromJson = JSON.parse('{"__proto__": {"agents": 5}, "agents": 3}') as Record<string, unknown>;
    expect(patchEdges(42, fromJson)).toEqual([
      { key: 'apiKey', message: 'apiKey must be a string (got number); no key was set.' },
      { key: '__proto__', message: '__proto__ is not a setting; it was ignored.' },
    ]);
    expect(patchEdges('AIza', { agents: 3 })).toEqual([]);
  });
});
