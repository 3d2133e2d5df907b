// Part of `npm run build`, after tsc. The built CLI runs with dist/ as its oclif root: dist/package.json
// (the project's, with commands at ./commands) and dist/oclif.manifest.json. With the manifest, oclif
// reads the command list and flags from one JSON file and imports only the command that runs, instead
// of importing every command at each start. It lives in dist/ so that running from source (bin/dev.js,
// the tests) never sees a manifest left by an earlier build.
import {readFileSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Plugin} from '@oclif/core'

/** A package.json path under ./dist/ as seen from dist/. */
const inDist = (path) => (typeof path === 'string' ? path.replace(/^\.\/dist\//, './') : path)

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const distPkg = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  type: pkg.type,
  // Paths relative to dist/ (the root here): ./dist/cli/help → ./cli/help.
  oclif: {
    ...pkg.oclif,
    commands: './commands',
    helpClass: inDist(pkg.oclif.helpClass),
    hooks: Object.fromEntries(Object.entries(pkg.oclif.hooks ?? {}).map(([k, v]) => [k, inDist(v)])),
  },
}
writeFileSync(new URL('../dist/package.json', import.meta.url), `${JSON.stringify(distPkg, null, 2)}\n`)
const root = fileURLToPath(new URL('../dist/', import.meta.url))
const plugin = new Plugin({
  root,
  type: 'core',
  isRoot: true,
  ignoreManifest: true,
  errorOnManifestCreate: true,
})
await plugin.load()
writeFileSync(new URL('../dist/oclif.manifest.json', import.meta.url), JSON.stringify(plugin.manifest))
process.stdout.write(`dist/oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands\n`)
