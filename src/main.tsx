import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { boot } from './ui/boot.ts';
import './ui/styles.css';

// The composition root: the worker runs the sim, scheduler and brain; this thread only draws.
const worker = new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'neon-sim' });
const ctx = boot(worker, location.search);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App ctx={ctx} />
    </StrictMode>,
  );
}
