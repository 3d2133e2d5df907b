import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {runCommand} from '@oclif/test'

export const ROOT = resolve(import.meta.dirname, '..')

/** A fresh temp folder, removed by the returned cleanup. */
export function makeTempDir(prefix = 'hyojun-test-'): {dir: string; cleanup: () => void} {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}

export interface CliRun {
  stdout: string
  stderr: string
  exitCode: number
  error?: Error
}

/**
 * Run a hyojun command in-process (from source, no build) and report the exit
 * code the real binary would give: process.exitCode, or the ExitError's code.
 */
export async function runCli(args: string[]): Promise<CliRun> {
  process.exitCode = undefined
  const {stdout, stderr, error} = await runCommand(args, {root: ROOT})
  const oclifExit = (error as {oclif?: {exit?: number}} | undefined)?.oclif?.exit
  const exitCode = oclifExit ?? (typeof process.exitCode === 'number' ? process.exitCode : 0)
  process.exitCode = undefined
  return {stdout, stderr, exitCode, error}
}

/** Parse the single JSON document a --json run prints on stdout. */
export function parseJson(stdout: string): unknown {
  return JSON.parse(stdout) as unknown
}
