#!/usr/bin/env node
import {existsSync} from 'node:fs'
import {execute} from '@oclif/core'

// npm lifecycle scripts break `npx hyojun` inside this checkout (npm 11 self-exec),
// so the build is an explicit step: say so instead of failing obscurely.
if (!existsSync(new URL('../dist/commands', import.meta.url))) {
  process.stderr.write('hyojun はまだビルドされていません。先に `npm run build` を実行してください。\n')
  process.exit(1)
}

// dist/ is the built CLI's oclif root: its package.json and command manifest (scripts/gen-manifest.js).
await execute({dir: new URL('../dist/', import.meta.url).href})
