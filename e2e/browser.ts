/**
 * Which Chromium Playwright drives: Playwright's own where it is installed (users' machines),
 * else the system's (`apt-get install chromium` puts it at /usr/bin/chromium), because
 * `npx playwright install` cannot download here. NEON_CHROMIUM overrides both.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The executable to launch, or undefined to let Playwright use its own browser. */
export function chromiumExecutable(): string | undefined {
  const override = process.env.NEON_CHROMIUM;
  if (override) return override;
  if (existsSync(chromium.executablePath())) return undefined;
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;
  throw new Error('No Chromium found: install one with `apt-get install -y chromium` (or `npx playwright install chromium` where downloads work), or set NEON_CHROMIUM.');
}

/**
 * Software WebGL (SwiftShader) where there is no GPU, and no background traffic: this machine's
 * network is closed and Chromium would otherwise retry Google's hosts at every start.
 */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
