import {diffWords} from 'diff'
import {z} from 'zod'
import {RequirementClassSchema, type Requirement, type SpecDocument} from './spec.schema.js'

/**
 * Revision diff between two versions of one 業務's spec (pure). Requirements
 * are matched by 機能ID; text changes get a word-level Japanese diff.
 */

export const WordDiffPartSchema = z.object({
  kind: z.enum(['equal', 'added', 'removed']),
  text: z.string(),
})
export type WordDiffPart = z.infer<typeof WordDiffPartSchema>

const RequirementBriefSchema = z.object({
  id: z.string(),
  path: z.array(z.string()),
  name: z.string(),
  text: z.string(),
  class: RequirementClassSchema,
})

export const SpecDiffSchema = z.object({
  business: z.string(),
  businessId: z.string(),
  from: z.string(),
  to: z.string(),
  added: z.array(RequirementBriefSchema),
  removed: z.array(RequirementBriefSchema),
  changed: z.array(
    z.object({
      id: z.string(),
      path: z.array(z.string()),
      name: z.string(),
      /** Set when 機能名称 changed too (the old name). */
      nameBefore: z.string().nullable(),
      before: z.string(),
      after: z.string(),
      wordDiff: z.array(WordDiffPartSchema),
    }),
  ),
  reclassified: z.array(
    z.object({
      id: z.string(),
      path: z.array(z.string()),
      name: z.string(),
      fromClass: RequirementClassSchema,
      toClass: RequirementClassSchema,
    }),
  ),
  forms: z.object({
    added: z.array(z.object({id: z.string(), name: z.string(), class: RequirementClassSchema})),
    removed: z.array(z.object({id: z.string(), name: z.string(), class: RequirementClassSchema})),
    reclassified: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        fromClass: RequirementClassSchema,
        toClass: RequirementClassSchema,
      }),
    ),
  }),
  summary: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    reclassified: z.number().int(),
    unchanged: z.number().int(),
  }),
})
export type SpecDiff = z.infer<typeof SpecDiffSchema>

/** Word-level diff of Japanese text (Intl.Segmenter words, not single characters). */
export function wordDiff(before: string, after: string): WordDiffPart[] {
  const segmenter = new Intl.Segmenter('ja', {granularity: 'word'})
  const parts: WordDiffPart[] = []
  for (const c of diffWords(before, after, {intlSegmenter: segmenter})) {
    const kind = c.added ? 'added' : c.removed ? 'removed' : 'equal'
    const last = parts[parts.length - 1]
    if (last && last.kind === kind) parts[parts.length - 1] = {kind, text: last.text + c.value}
    else parts.push({kind, text: c.value})
  }
  return parts
}

function brief(r: Requirement): z.infer<typeof RequirementBriefSchema> {
  return {id: r.id, path: [...r.path], name: r.name, text: r.text, class: r.class}
}

export function diffSpecs(from: SpecDocument, to: SpecDocument): SpecDiff {
  const before = new Map(from.requirements.map((r) => [r.id, r]))
  const after = new Map(to.requirements.map((r) => [r.id, r]))
  const added = to.requirements.filter((r) => !before.has(r.id)).map(brief)
  const removed = from.requirements.filter((r) => !after.has(r.id)).map(brief)
  const changed: SpecDiff['changed'] = []
  const reclassified: SpecDiff['reclassified'] = []
  let unchanged = 0
  for (const r of to.requirements) {
    const old = before.get(r.id)
    if (!old) continue
    const textChanged = old.text !== r.text
    const nameChanged = old.name !== r.name
    if (textChanged || nameChanged) {
      changed.push({
        id: r.id,
        path: [...r.path],
        name: r.name,
        nameBefore: nameChanged ? old.name : null,
        before: old.text,
        after: r.text,
        wordDiff: textChanged ? wordDiff(old.text, r.text) : [{kind: 'equal', text: r.text}],
      })
    }
    if (old.class !== r.class) {
      reclassified.push({id: r.id, path: [...r.path], name: r.name, fromClass: old.class, toClass: r.class})
    }
    if (!textChanged && !nameChanged && old.class === r.class) unchanged++
  }
  const formsBefore = new Map(from.forms.map((f) => [f.id, f]))
  const formsAfter = new Map(to.forms.map((f) => [f.id, f]))
  const formBrief = (f: {id: string; name: string; class: SpecDiff['added'][number]['class']}) => ({
    id: f.id,
    name: f.name,
    class: f.class,
  })
  return {
    business: to.business,
    businessId: to.businessId,
    from: from.version,
    to: to.version,
    added,
    removed,
    changed,
    reclassified,
    forms: {
      added: to.forms.filter((f) => !formsBefore.has(f.id)).map(formBrief),
      removed: from.forms.filter((f) => !formsAfter.has(f.id)).map(formBrief),
      reclassified: to.forms.flatMap((f) => {
        const old = formsBefore.get(f.id)
        return old && old.class !== f.class
          ? [{id: f.id, name: f.name, fromClass: old.class, toClass: f.class}]
          : []
      }),
    },
    summary: {
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      reclassified: reclassified.length,
      unchanged,
    },
  }
}
