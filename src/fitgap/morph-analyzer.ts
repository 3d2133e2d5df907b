import type {IpadicFeatures, Tokenizer} from 'kuromoji'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {contentWords, type TokenAnalyzer} from './morph-tokens.js'

/**
 * The kuromoji morphological analyzer (IPADIC, shipped inside the npm package), loaded lazily:
 * building it reads ~17 MB of compressed dictionary (about 2 s of CPU and ~300 MB), so only the
 * commands that match text load it, once per process.
 */

/** Bump when the dictionary, the analyzer or contentWords changes (part of the features' fingerprint). */
export const KUROMOJI_ANALYZER_ID = 'kuromoji-0.1.2-ipadic/1'

let loading: Promise<TokenAnalyzer> | undefined

export function loadMorphAnalyzer(): Promise<TokenAnalyzer> {
  loading ??= build()
  return loading
}

async function build(): Promise<TokenAnalyzer> {
  const kuromoji = (await import('kuromoji')).default
  const dicPath = join(dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict')
  const tokenizer = await new Promise<Tokenizer<IpadicFeatures>>((resolve, reject) => {
    kuromoji.builder({dicPath}).build((err, t) => (err ? reject(err) : resolve(t)))
  })
  return {
    id: KUROMOJI_ANALYZER_ID,
    analyze: (text) =>
      text === ''
        ? []
        : contentWords(
            tokenizer.tokenize(text).map((t) => ({
              surface: t.surface_form,
              basic: t.basic_form,
              pos: t.pos,
              detail: t.pos_detail_1,
            })),
          ),
  }
}
