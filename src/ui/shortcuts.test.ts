import { describe, expect, it } from 'vitest';
import { shortcutAllowed, type FocusedControl } from './shortcuts.ts';

const control = (tagName: string, extra: Partial<FocusedControl> = {}): FocusedControl => ({
  tagName, role: null, hasHref: false, isContentEditable: false, ...extra,
});

describe('shortcutAllowed', () => {
  it('runs every shortcut when nothing in particular has focus', () => {
    expect(shortcutAllowed(' ', null)).toBe(true);
    expect(shortcutAllowed(' ', control('BODY'))).toBe(true);
    expect(shortcutAllowed(' ', control('DIV', { role: 'application' }))).toBe(true);
  });

  it('leaves Space and Enter to a focused button, link or tab, which they press', () => {
    for (const focused of [control('BUTTON'), control('A', { hasHref: true }), control('BUTTON', { role: 'tab' }), control('DIV', { role: 'button' }), control('SUMMARY')]) {
      expect(shortcutAllowed(' ', focused)).toBe(false);
      expect(shortcutAllowed('Enter', focused)).toBe(false);
    }
  });

  it('still runs letter shortcuts on a focused button, so a click does not swallow them', () => {
    expect(shortcutAllowed('g', control('BUTTON'))).toBe(true);
    expect(shortcutAllowed('.', control('A', { hasHref: true }))).toBe(true);
    expect(shortcutAllowed('Escape', control('BUTTON'))).toBe(true);
  });

  it('gives every key to fields', () => {
    for (const focused of [control('INPUT'), control('SELECT'), control('TEXTAREA'), control('DIV', { isContentEditable: true }), control('DIV', { role: 'combobox' })]) {
      expect(shortcutAllowed('g', focused)).toBe(false);
      expect(shortcutAllowed(' ', focused)).toBe(false);
    }
  });

  it('treats an <a> without href as plain text', () => {
    expect(shortcutAllowed(' ', control('A'))).toBe(true);
  });
});
