/** Jest runs the TypeScript specs in spec/ through ts-jest. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }],
    // h5wasm is an ES module only (see lib/serialization/keras3.ts's loadH5wasm).
    '/node_modules/h5wasm/.+\\.js$': '<rootDir>/spec/helpers/esm-to-cjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!h5wasm/)'],
  moduleNameMapper: { '^h5wasm/node$': '<rootDir>/node_modules/h5wasm/dist/node/hdf5_hl.js' },
  testTimeout: 120000,
  // Every spec file starts from one seeded global generator (see the file).
  setupFiles: ['<rootDir>/spec/helpers/seed-global-generator.ts'],
};
