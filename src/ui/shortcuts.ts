import { useEffect } from 'react';
import { ACTIONS, runAction, type ActionContext, type ActionId } from './actions.ts';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Runs an action's keyboard shortcut, unless the user is typing in a field. */
export function useShortcuts(ctx: ActionContext): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof HTMLElement && (TYPING.has(event.target.tagName) || event.target.isContentEditable)) return;
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
