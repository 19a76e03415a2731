import { describe, expect, it } from 'vitest';
import { createSandboxStore, NOTICE_CAP, setNotice } from './store.ts';

describe('notices', () => {
  it('keeps at most NOTICE_CAP codes: a new one drops the oldest info, then the oldest warning', () => {
    const store = createSandboxStore();
    setNotice(store, 'e', { level: 'error', message: 'broken' });
    setNotice(store, 'w', { level: 'warning', message: 'careful' });
    for (let i = 0; i < NOTICE_CAP - 2; i++) setNotice(store, `i${i}`, { level: 'info', message: `note ${i}` });
    store.setState({ dismissedNotices: { i0: 'note #' } });
    setNotice(store, 'new', { level: 'warning', message: 'fresh' });
    const codes = Object.keys(store.getState().notices);
    expect(codes).toHaveLength(NOTICE_CAP);
    expect(codes).not.toContain('i0');
    expect(codes.at(-1)).toBe('new');
    // The dropped notice's dismissal goes with it.
    expect(store.getState().dismissedNotices).toEqual({});
    // A code already shown is replaced in place and drops nothing.
    setNotice(store, 'e', { level: 'error', message: 'still broken' });
    expect(Object.keys(store.getState().notices)).toEqual(codes);
    // With no info left, the oldest warning goes; errors stay longest.
    for (let i = 0; i < NOTICE_CAP - 1; i++) setNotice(store, `x${i}`, { level: 'error', message: 'x' });
    const notices = store.getState().notices;
    expect(Object.keys(notices)).toHaveLength(NOTICE_CAP);
    expect(notices.e?.message).toBe('still broken');
    expect(Object.values(notices).every((n) => n.level === 'error')).toBe(true);
  });
});
