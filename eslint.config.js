// Lint rules that guard the architecture: runtime-neutral folders must load unchanged in Node and k6.
import tseslint from 'typescript-eslint';

const explicitTs = {
  regex: '^\\.{1,2}/.*(?<!\\.ts)$',
  message: 'k6 resolves relative imports literally: write the explicit .ts extension.',
};

const relativeOnly = {
  patterns: [
    explicitTs,
    {
      regex: '^(?!\\.{1,2}/)',
      message: 'Runtime-neutral code (loaded by both Node and k6) may import only relative .ts files.',
    },
  ],
};

const k6AndRelativeOnly = {
  patterns: [
    explicitTs,
    {
      regex: '^(?!\\.{1,2}/|k6$|k6/)',
      message: 'k6 scenarios may import only k6/* modules and relative .ts files: k6 cannot resolve node_modules.',
    },
  ],
};

// The rooms and what each may import (ARCHITECTURE.md, "Import direction"): a room looks down only.
// Specifiers are relative, so a room is recognised by its folder name after the leading ../ steps.
const harnessRooms = ['contract', 'sigv4', 'platform', 'emulator', 'services', 'targets', 'conformance', 'diff', 'report', 'cli'];
const topRooms = ['properties', 'scenarios'];
const mayImport = {
  'harness/contract': [],
  'harness/sigv4': ['contract'],
  'harness/platform': ['contract', 'sigv4'],
  'harness/emulator': ['contract', 'sigv4', 'platform'],
  'harness/services': ['contract', 'sigv4', 'platform', 'emulator'],
  'harness/targets': ['contract', 'sigv4', 'platform', 'emulator', 'services'],
  'harness/conformance': ['contract', 'sigv4', 'platform', 'targets', 'properties'],
  'harness/diff': ['contract', 'sigv4', 'platform', 'targets', 'properties', 'conformance'],
  'harness/report': ['contract', 'sigv4', 'platform', 'targets', 'conformance', 'diff', 'scenarios'],
  properties: ['contract'],
  scenarios: ['contract', 'sigv4'],
  dashboards: ['contract'],
};

/** no-restricted-imports patterns refusing every room `room` may not import. */
function roomPatterns(room) {
  const allowed = new Set(mayImport[room]);
  const self = room.replace('harness/', '');
  const forbiddenHarness = harnessRooms.filter((r) => r !== self && !allowed.has(r));
  const forbiddenTop = topRooms.filter((r) => r !== room && !allowed.has(r));
  const inHarness = room.startsWith('harness/');
  const patterns = [];
  if (forbiddenHarness.length > 0) {
    const names = forbiddenHarness.join('|');
    // From inside harness/ a sibling room is ../NAME/; from outside it is ../harness/NAME/.
    patterns.push({
      regex: inHarness ? `^(\\.\\./)+(${names})/` : `^(\\.\\./)+harness/(${names})/`,
      message: `${room} may import only ${[...allowed].join(', ') || 'itself'} (ARCHITECTURE.md, "Import direction"): move what both need down into a lower room.`,
    });
  }
  if (forbiddenTop.length > 0) {
    patterns.push({
      regex: `^(\\.\\./)+(${forbiddenTop.join('|')})/`,
      message: `${room} may import only ${[...allowed].join(', ') || 'itself'} (ARCHITECTURE.md, "Import direction").`,
    });
  }
  return patterns;
}

const roomRules = Object.keys(mayImport).map((room) => ({
  files: [`${room}/**/*.ts`],
  ignores: ['**/*.test.ts', 'scenarios/shim/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...roomPatterns(room),
          ...(room === 'harness/contract' || room === 'harness/sigv4' ? relativeOnly.patterns : []),
          ...(room === 'scenarios' ? k6AndRelativeOnly.patterns : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dashboards/*.json', 'reports/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // One no-restricted-imports entry per room (a later entry for the same rule would replace it):
  // the room's import direction, plus relative-only for the runtime-neutral rooms and k6-only for
  // the scenarios.
  ...roomRules,
);
