// Lint runs with --max-warnings 0: every rule here is a rule we keep.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layer table of docs/ARCHITECTURE.md, enforced: what each folder of src/ may import.
 * `values`: whole folders; `types`: folders whose types only may be imported; `files`: single
 * files of a `types` folder whose values may be imported too; `packages`: for the folders whose
 * row says "nothing", the only npm packages allowed (absent: any). A folder not named may not be
 * imported. `exceptions` are real imports that break the table: reported, listed here so that
 * lint passes and nothing new slips in beside them, to be removed once the code or the table moves.
 */
const LAYERS = {
  sim: { values: [], packages: [] },
  clock: { values: [], packages: [] },
  protocol: { values: [], packages: ['zod'] },
  brain: { values: ['clock'], types: ['sim'], files: ['sim/types.ts'], exceptions: ['sim/rng.ts'] },
  scheduler: { values: ['brain', 'clock'] },
  engine: { values: ['sim', 'brain', 'scheduler', 'clock'] },
  // A scenario: its pure state and step, its asks (brain), its run against the scheduler.
  scenarios: { values: ['sim', 'brain', 'scheduler', 'engine', 'clock'] },
  worker: { values: ['sim', 'brain', 'scheduler', 'engine', 'scenarios', 'clock', 'protocol'] },
  render: { values: [], types: ['protocol'] },
  // render's mount (stage.ts) and what the stage reads (source.ts, types); palette.ts is an exception (GridLegend).
  ui: { values: ['protocol'], types: ['render'], files: ['render/stage.ts'], exceptions: ['render/palette.ts'] },
  cli: { values: ['sim', 'brain', 'scheduler', 'engine', 'scenarios', 'clock'] },
  'fake-gemini': { values: [], testValues: ['brain'] },
  'fake-openai': { values: ['fake-gemini'], testValues: ['brain'] },
};
const FOLDERS = Object.keys(LAYERS);
/** Tests and their helpers (fixtures, test worlds, frames): not shipped, so they may reach further. */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.fixture.ts', 'src/*/test*.ts'];
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A relative import that reaches into src/<folder>/, from any depth. */
const into = (folder, except = []) => `^(\\.\\./)+${escape(folder)}/${except.length > 0 ? `(?!(${except.map((f) => escape(f.slice(folder.length + 1))).join('|')})$)` : ''}`;

/**
 * Every folder a layer may reach through the layers it may import, values and all: what its
 * tests may use to build their cases. Tests may also start the fake Gemini server.
 */
function testReach(folder) {
  return reach(folder, new Set(['fake-gemini', 'fake-openai']));
}

function reach(folder, seen) {
  const layer = LAYERS[folder];
  for (const next of [...layer.values, ...(layer.types ?? []), ...(layer.testValues ?? [])]) {
    if (!seen.has(next)) {
      seen.add(next);
      reach(next, seen);
    }
  }
  return seen;
}

function layerRule(folder, forTests) {
  const layer = LAYERS[folder];
  const message = `src/${folder}/ may not import this (the layer table in docs/ARCHITECTURE.md).`;
  const allowed = forTests ? testReach(folder) : new Set(layer.values);
  const patterns = [];
  for (const other of FOLDERS) {
    if (other === folder || allowed.has(other)) continue;
    if (layer.types?.includes(other)) {
      const open = [...(layer.files ?? []), ...(layer.exceptions ?? [])].filter((f) => f.startsWith(`${other}/`));
      const values = open.length > 0 ? `, and values only from ${open.join(', ')}` : '';
      patterns.push({ regex: into(other, open), allowTypeImports: true, message: `src/${folder}/ may import only types from src/${other}/${values} (docs/ARCHITECTURE.md).` });
    } else {
      patterns.push({ regex: into(other), message });
    }
  }
  if (layer.packages) {
    const packages = forTests ? [...layer.packages, 'vitest', 'fast-check', 'node:.*'] : layer.packages;
    const except = packages.map((name) => `${name}(/|$)`).join('|');
    patterns.push({ regex: `^(?![./])${except ? `(?!${except})` : ''}`, message: `src/${folder}/ imports no packages${layer.packages.length > 0 ? ` but ${layer.packages.join(', ')}` : ''} (docs/ARCHITECTURE.md).` });
  }
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}

const layerConfigs = FOLDERS.flatMap((folder) => [
  { files: [`src/${folder}/**/*.{ts,tsx}`], ignores: TEST_FILES, rules: layerRule(folder, false) },
  { files: TEST_FILES.map((glob) => (glob.startsWith('src/') ? glob.replace('src/*/', `src/${folder}/`) : `src/${folder}/${glob}`)), rules: layerRule(folder, true) },
]);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The pure core may not read the wall clock, randomness or the DOM (docs/ARCHITECTURE.md).
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'setTimeout', 'setInterval', 'performance', 'fetch'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG in src/sim/rng.ts.' },
        { object: 'Date', property: 'now', message: 'The sim counts ticks; time is injected.' },
      ],
    },
  },
  ...layerConfigs,
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
