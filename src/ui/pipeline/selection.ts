/**
 * Which pipeline node is selected: the graph (in the grid pane) sets it and the panel (in the
 * classroom pane) shows that node's details. Page state only, never sent to the worker, so it is
 * kept beside the store rather than in it: one small external store per sandbox store, read with
 * useSyncExternalStore (its server snapshot is the same value, so tests render a selection).
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useSandboxContext } from '../context.ts';

export interface PipeSelection {
  readonly get: () => string | null;
  readonly set: (id: string | null) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

function createSelection(): PipeSelection {
  let selected: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => selected,
    set: (id) => {
      if (id === selected) return;
      selected = id;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

const selections = new WeakMap<object, PipeSelection>();

/** The selection that goes with this sandbox store (made on first use). */
export function pipeSelection(store: object): PipeSelection {
  let selection = selections.get(store);
  if (!selection) {
    selection = createSelection();
    selections.set(store, selection);
  }
  return selection;
}

/** The selected node's id and a stable setter for it. */
export function usePipeSelection(): readonly [string | null, (id: string | null) => void] {
  const selection = pipeSelection(useSandboxContext().store);
  const selected = useSyncExternalStore(selection.subscribe, selection.get, selection.get);
  const select = useCallback((id: string | null) => {
    selection.set(id);
  }, [selection]);
  return [selected, select];
}
