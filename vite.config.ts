import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The worker imports the brain, which pulls in dynamic imports: ES module workers are required.
  worker: { format: 'es' },
  server: { port: 5173 },
  // Two pages: the app, and the bare PixiJS page `npm run perf` measures it against (Vite 8 names this rolldownOptions).
  build: { rolldownOptions: { input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), bare: fileURLToPath(new URL('./e2e/perf/bare.html', import.meta.url)) } } },
});
