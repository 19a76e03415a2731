import './zodSetup.ts'; // first: zod's settings must precede every schema (see the file)
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { boot } from './ui/boot.ts';
import './ui/styles.css';

// The composition root: the worker runs the sim, scheduler and brain; this thread only draws.
const worker = new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'neon-sim' });
const ctx = boot(worker, location.search, budgetPort());

/** A port to the shared worker that keeps each key's budget for every tab; null where there is none. */
function budgetPort(): MessagePort | null {
  if (typeof SharedWorker === 'undefined') return null;
  try {
    return new SharedWorker(new URL('./worker/budgetWorker.ts', import.meta.url), { type: 'module', name: 'neon-budget' }).port;
  } catch {
    return null;
  }
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App ctx={ctx} />
    </StrictMode>,
  );
}
