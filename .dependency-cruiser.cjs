/** Layer and cycle rules from STYLE.md §1. */
module.exports = {
  forbidden: [
    {name: 'no-circular', severity: 'error', from: {}, to: {circular: true}},
    {
      name: 'oclif-only-in-cli',
      severity: 'error',
      from: {pathNot: '^src/(cli|commands)/'},
      to: {path: '@oclif/core'},
    },
    {
      name: 'sqlite-only-in-db',
      severity: 'error',
      from: {pathNot: '^src/db/|\\.repository\\.ts$'},
      to: {path: 'better-sqlite3'},
    },
    {
      name: 'exceljs-only-in-sources-reports',
      severity: 'error',
      from: {pathNot: '^src/(sources|reports)/'},
      to: {path: 'exceljs'},
    },
    {
      name: 'commands-are-leaves',
      severity: 'error',
      from: {pathNot: '^src/commands/'},
      to: {path: '^src/commands/'},
    },
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    tsConfig: {fileName: 'tsconfig.json'},
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
}
