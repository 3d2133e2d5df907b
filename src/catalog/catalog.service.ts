import {z} from 'zod'
import {BUSINESSES} from './businesses.js'

export const CatalogResultSchema = z.object({
  businesses: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      businessIds: z.array(z.string()),
      name: z.string(),
      aliases: z.array(z.string()),
      original17: z.boolean(),
      group: z.string(),
      spec: z.string().nullable(),
      ministry: z.string().nullable(),
    }),
  ),
})
export type CatalogResult = z.infer<typeof CatalogResultSchema>

export function listCatalog(): CatalogResult {
  return {
    businesses: BUSINESSES.map((b) => ({...b, aliases: [...b.aliases], businessIds: [...b.businessIds]})),
  }
}
