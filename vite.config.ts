import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built app's Content-Security-Policy. Scripts come only from the app's own origin: no inline
 * script, no eval (PixiJS is given its static polyfills by `pixi.js/unsafe-eval` in
 * src/render/stage.ts; zod runs jitless, src/zodSetup.ts), so a markup bug cannot run code.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // The simulation worker is a same-origin module (assets/worker-*.js), never a blob: or data: URL.
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  // The app has no form that submits anywhere.
  "form-action 'none'",
  // No images beyond the favicon; the canvases draw, they do not load.
  "img-src 'self'",
  // No 'unsafe-inline': the CSS is a file, and React, PixiJS and Chart.js set styles through
  // element.style (CSSOM), which CSP does not govern. Only <style> tags or style="" markup would need it.
  "style-src 'self'",
  // Open on purpose: live calls go to whatever base URL the user sets (Google's https endpoint, a
  // local http server such as the fake Gemini server or Ollama on http://localhost:11434). The
  // calls are made in the dedicated worker, which does not inherit this <meta> policy (a worker's
  // policy comes from its own response, see cspPreviewHeader), but some browsers have had workers
  // inherit the page's, and the page should not be the reason live mode breaks.
  "connect-src 'self' https: http:",
].join('; ');

/** Ships the policy in dist/index.html as a <meta>, ahead of every script; the dev server (React refresh needs inline scripts) never gets it. */
function cspMeta(): Plugin {
  return {
    name: 'neon-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        // Only the app: the bare PixiJS page `npm run perf` measures against is a baseline, left as it is.
        if (ctx.path !== '/index.html') return [];
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * `vite preview` (what the browser tests serve) also sends the policy as a header on scripts. Only a
 * worker's own response gives it a policy, so this is what runs the simulation worker under the
 * same no-eval rules as the page; browsers ignore the header on ordinary module scripts. Documents
 * are left alone so the tests check the <meta> that ships.
 */
function cspPreviewHeader(): Plugin {
  return {
    name: 'neon-csp-preview-header',
    apply: (_config, env) => env.isPreview === true,
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (path.startsWith('/assets/') && path.endsWith('.js')) res.setHeader('Content-Security-Policy', CSP);
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMeta(), cspPreviewHeader()],
  // The worker imports the brain, which pulls in dynamic imports: ES module workers are required.
  worker: { format: 'es' },
  server: { port: 5173 },
  // Three pages: the app, and the two `npm run perf` measures it against: bare PixiJS, and the
  // app's stage alone (Vite 8 names this rolldownOptions).
  build: {
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        bare: fileURLToPath(new URL('./e2e/perf/bare.html', import.meta.url)),
        stageOnly: fileURLToPath(new URL('./e2e/perf/stageOnly.html', import.meta.url)),
      },
    },
  },
});
