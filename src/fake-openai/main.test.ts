import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the script itself, so the run-as-a-script guard of main.ts is tested too. */
function run(args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['src/fake-openai/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run fake-openai', () => {
  it('--help prints the flags and exits 0 without starting a server', () => {
    const { code, stdout, stderr } = run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('--no-cors');
    expect(stdout).toContain('Modes: ok, markup, fenced, 429');
    expect(stdout).not.toContain('listening');
  });

  it('a bad flag is one line on stderr and exit code 2', () => {
    const { code, stdout, stderr } = run(['--port', 'abc']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`fake-openai: --port must be a number from 0 to 65535, got "abc". Run 'npm run fake-openai -- --help' for the flags.`);
  });
});
