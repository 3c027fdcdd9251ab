// Nest 12 is ESM-only, so jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules).
// Type checking is done once by `tsc --noEmit` in scripts/test.sh; ts-jest only transpiles.
/** @type {import('jest').Config} */
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform,
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'libs',
      testMatch: ['<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
  coverageProvider: 'v8',
  collectCoverageFrom: ['libs/*/src/**/*.ts', '!libs/**/*.spec.ts'],
};
