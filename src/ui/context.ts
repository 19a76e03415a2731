import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ActionContext } from './actions.ts';
import type { SandboxState } from './store.ts';

export const SandboxContext = createContext<ActionContext | null>(null);

/** The client and store of the page; panels get them from here rather than from globals. */
export function useSandboxContext(): ActionContext {
  const ctx = useContext(SandboxContext);
  if (!ctx) throw new Error('useSandboxContext needs a SandboxContext provider');
  return ctx;
}

/** Selects one value from the store; the component re-renders only when that value changes. */
export function useSandbox<T>(selector: (state: SandboxState) => T): T {
  return useStore(useSandboxContext().store, selector);
}
