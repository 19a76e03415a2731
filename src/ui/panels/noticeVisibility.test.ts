import { describe, expect, it } from 'vitest';
import { createSandboxStore, setNotice } from '../store.ts';
import { dismiss, noticeGist, visibleNotices } from './noticeVisibility.ts';

const race = { level: 'info', message: 'A race is already running; wait for it to finish.' } as const;

describe('noticeGist', () => {
  it('masks numbers so a countdown is one notice', () => {
    expect(noticeGist('Rate limited by the model: resuming in 12 s.')).toBe(noticeGist('Rate limited by the model: resuming in 3 s.'));
    expect(noticeGist('agents must be 1 to 10,000 (got 0.5)')).toBe('agents must be # to # (got #)');
  });
});

describe('visibleNotices', () => {
  it('hides a closed notice and shows the rest', () => {
    const notices = { race, url: { level: 'warning', message: 'agents is bad.' } } as const;
    const shown = visibleNotices(notices, dismiss({}, 'race', race.message));
    expect(shown.map(([code]) => code)).toEqual(['url']);
  });

  it('shows a closed notice again when its words change, not when only a number does', () => {
    const closed = dismiss({}, 'rate-limit', 'Rate limited by the model: resuming in 12 s.');
    expect(visibleNotices({ 'rate-limit': { level: 'warning', message: 'Rate limited by the model: resuming in 11 s.' } }, closed)).toEqual([]);
    expect(visibleNotices({ 'rate-limit': { level: 'warning', message: 'Live calls have stopped.' } }, closed)).toHaveLength(1);
  });

  it('shows a closed notice again once it has cleared and is raised again', () => {
    const store = createSandboxStore();
    setNotice(store, 'race', race);
    store.setState({ dismissedNotices: dismiss(store.getState().dismissedNotices, 'race', race.message) });
    expect(visibleNotices(store.getState().notices, store.getState().dismissedNotices)).toEqual([]);
    setNotice(store, 'race', null);
    expect(store.getState().dismissedNotices).toEqual({});
    setNotice(store, 'race', race);
    expect(visibleNotices(store.getState().notices, store.getState().dismissedNotices)).toHaveLength(1);
  });
});
