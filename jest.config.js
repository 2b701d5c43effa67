/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }] },
  modulePathIgnorePatterns: ["<rootDir>/dist", "<rootDir>/examples", "<rootDir>/tests/e2e/programs"],
  testTimeout: 30000,
  globalSetup: "<rootDir>/tests/global-setup.ts",
};
