import { describe, expect, it } from 'vitest';
import { makeGmView, makeTurn } from './gmScene.fixture.ts';
import { narrationEntries, sourceMark, turnNote } from './narration.ts';
import { liveEntry } from './playing.ts';

describe('the narration log', () => {
  it('joins each logged reply with the rest of its turn', () => {
    const view = makeGmView();
    const entries = narrationEntries(view.log, view.turns);
    expect(entries.map((e) => [e.turn, e.source, e.lines.length, e.fellBack, e.mode])).toEqual([
      [2, 'cache', 0, 1, 'sequential'],
      [3, 'model', 2, 1, 'parallel'],
    ]);
    // A turn older than the records kept still shows its action and reply.
    expect(narrationEntries([{ turn: 1, action: 'look', text: 'Quiet.', source: 'fallback' }], [])).toEqual([
      { turn: 1, action: 'look', text: 'Quiet.', source: 'fallback', lines: [], fellBack: 0, mode: null },
    ]);
  });

  it('marks what was not the model’s own words, discreetly', () => {
    expect(sourceMark('model')).toBeNull();
    expect(sourceMark('cache')).toBe('cached');
    expect(sourceMark('fallback')).toBe('fallback');
    const [older, newer] = narrationEntries(makeGmView().log, makeGmView().turns);
    expect(older && turnNote(older)).toBe('one at a time · 1 assessment fell back');
    expect(newer && turnNote({ ...newer, fellBack: 0 })).toBeNull();
  });

  it('shows the turn in play: its action at once, its words as they stream, its reply until the log has it', () => {
    const reply = { ...makeTurn({ turn: 4, narration: 'The smith nods.' }) };
    expect(liveEntry(null, null, 3)).toBeNull();
    expect(liveEntry({ action: 'talk to the smith', reply: null }, null, 3)).toEqual({ action: 'talk to the smith', text: '', done: false });
    expect(liveEntry({ action: 'talk to the smith', reply: null }, 'The smi', 3)).toEqual({ action: 'talk to the smith', text: 'The smi', done: false });
    expect(liveEntry({ action: 'talk to the smith', reply }, null, 3)).toEqual({ action: 'talk to the smith', text: 'The smith nods.', done: true });
    expect(liveEntry({ action: 'talk to the smith', reply }, null, 4)).toBeNull();
    // A turn played by window.sandbox.act shows only by its streaming words.
    expect(liveEntry({ action: 'talk to the smith', reply }, 'You look', 4)).toEqual({ action: null, text: 'You look', done: false });
  });
});
