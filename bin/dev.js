#!/usr/bin/env node
import {fileURLToPath} from 'node:url'
import {execute} from '@oclif/core'

// From source: never trust a manifest left by an earlier `npm run build`.
await execute({
  development: true,
  dir: import.meta.url,
  loadOptions: {root: fileURLToPath(new URL('..', import.meta.url)), ignoreManifest: true},
})
