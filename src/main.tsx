import './zodSetup.ts'; // first: zod's settings must precede every schema (see the file)
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { boot } from './ui/boot.ts';
import './ui/styles.css';

// The composition root: the worker runs the sim, scheduler and brain; this thread only draws.
// Boot gets a way to make workers, not one worker: a dead worker is replaced (ui/workerSupervisor.ts).
const createWorker = () => new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'neon-sim' });
const ctx = boot(createWorker, location.search, budgetPort);

/**
 * A new port to the shared worker that keeps each key's budget for every tab (one per simulation
 * worker: the budget lives in the shared worker, so a restarted worker finds it as it was); null
 * where there is none.
 */
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
