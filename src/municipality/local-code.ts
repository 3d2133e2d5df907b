/**
 * 全国地方公共団体コード: 5 digits + check digit.
 * Check digit: weights 6,5,4,3,2 on the first five digits; r = sum mod 11;
 * check = last digit of (11 − r) (so r = 0 → 1, r = 1 → 0).
 */
export const PREFECTURES = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
] as const

export function checkDigit(firstFive: string): number {
  const weights = [6, 5, 4, 3, 2]
  const sum = [...firstFive].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0)
  return (11 - (sum % 11)) % 10
}

export type LocalCodeCheck =
  | {readonly ok: true; readonly code: string; readonly prefecture: string}
  | {readonly ok: false; readonly reason: string}

/** Validate a 6-digit 全国地方公共団体コード (full-width digits accepted). */
export function checkLocalCode(input: string): LocalCodeCheck {
  const code = input.normalize('NFKC').trim()
  if (!/^\d{6}$/.test(code)) {
    return {ok: false, reason: `団体コード「${input}」は6桁の数字ではありません（例: 042099）`}
  }
  const prefNo = Number(code.slice(0, 2))
  const prefecture = PREFECTURES[prefNo - 1]
  if (prefecture === undefined) {
    return {
      ok: false,
      reason: `団体コード「${input}」の先頭2桁 ${code.slice(0, 2)} は都道府県コード（01〜47）ではありません`,
    }
  }
  const expected = checkDigit(code.slice(0, 5))
  const actual = Number(code[5])
  if (expected !== actual) {
    return {
      ok: false,
      reason: `団体コード「${input}」の検査数字（6桁目）が正しくありません: 先頭5桁 ${code.slice(0, 5)} から計算した検査数字は ${expected} ですが、${actual} が指定されています`,
    }
  }
  return {ok: true, code, prefecture}
}
