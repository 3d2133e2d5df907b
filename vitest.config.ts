import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // oclif prints through console.log; @oclif/test captures process.stdout, which vitest's console interception bypasses.
    disableConsoleIntercept: true,
    // In CI also write a JSON report: .ci/run prints the plain "N passed, N failed" line from it.
    reporters: process.env['CI'] ? ['default', ['json', {outputFile: '.tmp/vitest.json'}]] : ['default'],
  },
})
