import { useEffect } from 'react';
import { ACTIONS, runAction, type ActionContext, type ActionId } from './actions.ts';

/** What a shortcut needs to know about the element that has focus. */
export interface FocusedControl {
  readonly tagName: string;
  readonly role: string | null;
  /** `<a>` only activates (and takes keys) when it has an href. */
  readonly hasHref: boolean;
  readonly isContentEditable: boolean;
}

/** Fields that take every key the user types. */
const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Controls that Space or Enter activates: a shortcut on those keys would act twice. */
const ACTIVATED_TAGS = new Set(['BUTTON', 'SUMMARY']);
const ACTIVATED_ROLES = new Set(['button', 'link', 'tab', 'checkbox', 'radio', 'switch', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem']);
const TYPING_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'slider', 'listbox']);
const ACTIVATION_KEYS = new Set([' ', 'Enter']);

/**
 * Whether the page's shortcut for `key` may run while `focused` has focus. A field keeps every
 * key; a button, link or tab keeps Space and Enter, which press it: a focused Step button gets
 * Space as its own click, and the start/pause shortcut must not also run. Letters still work
 * there, so `g` races right after a click left focus on a button.
 */
export function shortcutAllowed(key: string, focused: FocusedControl | null): boolean {
  if (!focused) return true;
  const role = focused.role?.toLowerCase() ?? null;
  if (focused.isContentEditable || TYPING.has(focused.tagName) || (role !== null && TYPING_ROLES.has(role))) return false;
  if (!ACTIVATION_KEYS.has(key)) return true;
  const activated = ACTIVATED_TAGS.has(focused.tagName) || (focused.tagName === 'A' && focused.hasHref) || (role !== null && ACTIVATED_ROLES.has(role));
  return !activated;
}

function focusedControl(target: EventTarget | null): FocusedControl | null {
  if (!(target instanceof HTMLElement)) return null;
  return { tagName: target.tagName, role: target.getAttribute('role'), hasHref: target.hasAttribute('href'), isContentEditable: target.isContentEditable };
}

/** Runs an action's keyboard shortcut, unless the focused control takes that key itself. */
export function useShortcuts(ctx: ActionContext): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      // An open dialog (a transcript) keeps every key: Escape closes it, and the page behind is inert.
      if (event.target instanceof Element && event.target.closest('dialog[open]') !== null) return;
      if (!shortcutAllowed(event.key, focusedControl(event.target))) return;
      const entry = Object.entries(ACTIONS).find(([, action]) => 'key' in action && action.key === event.key);
      if (!entry) return;
      event.preventDefault();
      void runAction(ctx, entry[0] as ActionId);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [ctx]);
}
