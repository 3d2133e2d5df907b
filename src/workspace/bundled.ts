import {resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * A data folder bundled with hyojun: specs/ (our own fictional summaries of the standard specs) and
 * inventory/ (the fictional sample city). Reports built from them say so (see reports/data-notice).
 */
export function bundledDir(name: 'specs' | 'inventory'): string {
  // src/workspace/ and dist/workspace/ both sit two levels below the package root.
  return resolve(fileURLToPath(new URL('../..', import.meta.url)), name)
}

/** True when `path` (a file or a folder) is, or lies in, the bundled folder `name`. */
export function isBundled(path: string, name: 'specs' | 'inventory'): boolean {
  const dir = bundledDir(name)
  const full = resolve(path)
  return full === dir || full.startsWith(`${dir}/`) || full.startsWith(`${dir}\\`)
}
