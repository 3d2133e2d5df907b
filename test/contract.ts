import {expect} from 'vitest'
import type {z} from 'zod'
import {undocumentedFields} from '../src/cli/json-contract-doc.js'
import {JSON_CONTRACTS, type ContractId} from '../src/cli/json-contracts.js'
import {parseJson} from './helpers.js'

/**
 * The `--json` document a command printed, held to its registered contract (src/cli/json-contracts.ts): it
 * parses against the schema README.md is generated from and carries no field that schema does not declare.
 * test/json-contracts.test.ts checks that every registered command is held to it by some test.
 */
export function parseContract<K extends ContractId>(
  commandId: K,
  stdout: string,
): z.infer<(typeof JSON_CONTRACTS)[K]['schema']> {
  const {schema} = JSON_CONTRACTS[commandId]
  const json = parseJson(stdout)
  expect(undocumentedFields(schema, json), `${commandId} --json: fields not in its schema (README)`).toEqual(
    [],
  )
  return schema.parse(json) as z.infer<(typeof JSON_CONTRACTS)[K]['schema']>
}
