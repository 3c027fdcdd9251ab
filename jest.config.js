// Nest 12 is ESM-only, so jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules).
// Type checking is done once by `tsc --noEmit` in scripts/test.sh; ts-jest only transpiles.
// scripts/test.sh sets --maxWorkers (2 on this 2-core machine: each file already has its own
// database and Redis prefix) and collects coverage for the libs project only.
/** @type {import('jest').Config} */
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  // @fastify/static (used by the OpenAPI UI) require()s content-disposition 3, which is
  // ESM-only; Node 20 loads that natively but jest's CommonJS loader cannot, so jest
  // compiles just that package to CommonJS.
  'node_modules/content-disposition/.+\\.js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform,
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
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
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
    },
  ],
  // Real Postgres, Redis and argon2 hashing: generous, but a hang still fails the run.
  testTimeout: 60_000,
  // Coverage is asked for (--coverage) only on the libs project's run: collecting it over
  // the app's files slowed every integration file by about 40% and nothing checked it.
  coverageProvider: 'v8',
  collectCoverageFrom: ['libs/*/src/**/*.ts', '!libs/**/*.spec.ts'],
  // The Victims' Code libraries are the legal heart of the product: every line is tested.
  coverageThreshold: { './libs/': { lines: 100 } },
  coverageReporters: ['text-summary', 'json-summary'],
};
