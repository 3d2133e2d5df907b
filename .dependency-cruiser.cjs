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
      comment: 'Workbooks are read in sources/ and written by reports/ and the *.report.ts declarations.',
      severity: 'error',
      from: {pathNot: ['^src/(sources|reports)/', '\\.report\\.ts$']},
      to: {path: 'exceljs'},
    },
    {
      name: 'reports-are-generic',
      comment:
        "reports/ is the house-style workbook writer and chart renderer, used by every domain. A domain's report lives beside its service as src/<domain>/<name>.report.ts, so the arrows point domain → reports only.",
      severity: 'error',
      from: {path: '^src/reports/'},
      to: {path: '^src/', pathNot: ['^src/reports/', '^src/errors\\.ts$', '^src/text/']},
    },
    {
      name: 'cli-only-in-commands',
      comment:
        'cli/ (BaseCommand, flags, progress, error rendering) is the top layer: only commands use it. Text tables and number formats for presenters live in text/format.ts.',
      severity: 'error',
      from: {pathNot: '^src/(cli|commands)/'},
      to: {path: '^src/cli/'},
    },
    {
      name: 'pure-cores-stay-pure',
      comment:
        'Analyses (fitgap matcher, spec diff, cost estimate, roadmap schedule, RFI score) are synchronous functions over plain data: no database, CLI, file system or workbook library. Matched by file name, so new cores are covered as they are added.',
      severity: 'error',
      from: {
        path: '^src/.+/(matcher|spec-diff|estimate|schedule|score)[^/]*\\.ts$',
        pathNot: ['^src/commands/', '\\.(service|repository|report|test)\\.ts$'],
      },
      to: {
        path: [
          '^src/(db|cli|commands)/',
          '\\.(service|repository|report)\\.ts$',
          '^(node:)?fs(/promises)?$',
          '^exceljs$',
          '^better-sqlite3$',
          '^@oclif/core$',
        ],
      },
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
