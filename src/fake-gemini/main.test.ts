import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the script itself: importing main.ts would start a server with vitest's own argv. */
function run(args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['src/fake-gemini/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run fake-gemini', () => {
  it('--help prints the flags and exits 0 without starting a server', () => {
    const { code, stdout, stderr } = run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('--fault MODE=RATE');
    expect(stdout).toContain('Modes: ok, markup, 429');
    expect(stdout).not.toContain('listening');
  });

  it.each([
    [['--bogus'], /^fake-gemini: Unknown option '--bogus'\. Run 'npm run fake-gemini -- --help' for the flags\.$/],
    [['--port', 'abc'], /^fake-gemini: --port must be a number from 0 to 65535, got "abc"\. Run/],
    [['--mode', 'teapot'], /^fake-gemini: Unknown mode "teapot"; one of: ok, /],
    [['--fault', '500=2'], /^fake-gemini: --fault 500 must be a number from 0 to 1, got "2"\. Run/],
  ])('a bad flag %j is one line on stderr and exit code 2', (args, message) => {
    const { code, stdout, stderr } = run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
