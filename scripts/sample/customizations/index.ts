import {KAIGO, KAIGO_NINTEI, SEIHO, SHOGAI} from './fukushi.js'
import {KOKI, KOKUHO, NENKIN} from './hoken.js'
import {FUHYO, INKAN, JUMIN, KOSEKI, SENKYO} from './juki.js'
import {KENKO} from './kenko.js'
import {JIDO_FUYO, JIDO_TEATE, KOSODATE} from './kodomo.js'
import {HOJIN, KEIJI, KOJIN, KOTEI} from './tax.js'
import type {Group} from './types.js'

export const JUKI_GROUPS: readonly Group[] = [JUMIN, INKAN, SENKYO, KOSEKI, FUHYO]
export const TAX_GROUPS: readonly Group[] = [KOJIN, KOTEI, HOJIN, KEIJI]
export const HOKEN_GROUPS: readonly Group[] = [KOKUHO, NENKIN, KOKI]
export const FUKUSHI_GROUPS: readonly Group[] = [KAIGO, SHOGAI, KAIGO_NINTEI, SEIHO]
export const KODOMO_GROUPS: readonly Group[] = [KOSODATE, JIDO_TEATE, JIDO_FUYO]
export const KENKO_GROUPS: readonly Group[] = [KENKO]
