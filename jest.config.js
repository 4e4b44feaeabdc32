/** Jest runs the TypeScript specs in spec/ through ts-jest. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }] },
  testTimeout: 120000,
  // Every spec file starts from one seeded global generator (see the file).
  setupFiles: ['<rootDir>/spec/helpers/seed-global-generator.ts'],
};
