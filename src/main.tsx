import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The browser sandbox (worker loop, PixiJS grid, panels) is the next milestone; until it lands
// the page says so plainly and points at what already works.
function Placeholder() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '4rem auto', lineHeight: 1.5 }}>
      <h1>Neon</h1>
      <p>Agents on a grid that think in parallel. The engine runs today from the command line:</p>
      <pre>npm run bench -- --agents 10 --latency 500{'\n'}npm run sim -- --agents 10 --ticks 100</pre>
      <p>The browser view (moving agents, inspector, metrics) is being built next.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Placeholder />
    </StrictMode>,
  );
}
