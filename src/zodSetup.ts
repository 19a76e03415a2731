/**
 * zod settings that must hold before any schema is built, so this module is the first import of
 * each entry (`main.tsx`, `worker/worker.ts`). The built page runs under a Content-Security-Policy
 * without 'unsafe-eval' (vite.config.ts): zod's JIT would probe `new Function` once, which the
 * browser blocks and reports as a `securitypolicyviolation` even though zod swallows the error.
 * `jitless` skips the probe and the compiled fast path; parsing is unchanged.
 */
import { z } from 'zod';

z.config({ jitless: true });
