import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The worker imports the brain, which pulls in dynamic imports: ES module workers are required.
  worker: { format: 'es' },
  server: { port: 5173 },
});
