import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {businessFlag} from '../../cli/flags.js'
import {ExitCode, UserError} from '../../errors.js'
import {formatYen, renderTable} from '../../text/format.js'
import {compareRfi} from '../../rfi/rfi.service.js'
import type {RfiCompareResult} from '../../rfi/rfi.schema.js'
import {DEFAULT_FX_RATE, DEFAULT_WEIGHTS} from '../../rfi/score.js'

const weight = (summary: string, value: number) =>
  Flags.string({summary: `${summary}（既定: ${value}）`, default: String(value)})

export default class RfiCompare extends BaseCommand {
  static override summary = '取り込んだ RFI 回答を業務ごとに比較・採点します（RFI比較表）'
  static override description =
    `スコア（100点満点）= 重みづけ平均: 本市が必要な標準オプション機能のうち○の割合（--weight-options）、独自要件のうち対応可の割合（--weight-outside）、最安の5年間総額 ÷ その事業者の5年間総額（--weight-cost）。` +
    '標準不適合の疑い・実装不可機能の提供・未回答などの指摘事項はスコアに関係なくすべて表示し、順位は適合（実装必須機能がすべて○で実装不可機能を提供しない）事業者を先にしてスコア順とします。'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --business 住民基本台帳 --output RFI比較表.xlsx',
    '<%= config.bin %> <%= command.id %> --weight-cost 60 --weight-options 30 --weight-outside 10 --json',
  ]
  static override flags = {
    business: businessFlag(),
    output: Flags.string({char: 'o', summary: 'RFI比較表（Excel）の出力先。例: RFI比較表.xlsx'}),
    'weight-options': weight('スコアの重み: 必要な標準オプション機能の充足', DEFAULT_WEIGHTS.neededOptions),
    'weight-outside': weight('スコアの重み: 独自要件への対応', DEFAULT_WEIGHTS.outside),
    'weight-cost': weight('スコアの重み: 5年間総額', DEFAULT_WEIGHTS.cost),
    'fx-rate': Flags.string({
      summary: `為替レート（1ドルあたり円）。ドル建てでレート未記入の回答に使います（既定: ${DEFAULT_FX_RATE}）`,
      default: String(DEFAULT_FX_RATE),
    }),
  }

  async run(): Promise<RfiCompareResult> {
    const {flags} = await this.parse(RfiCompare)
    const num = (flag: string, text: string, positive: boolean): number => {
      const n = Number(text)
      if (text.trim() === '' || !Number.isFinite(n) || n < 0 || (positive && n === 0)) {
        throw new UserError(`--${flag} の値「${text}」は${positive ? '正' : ' 0 以上'}の数値ではありません`, {
          code: 'INVALID_FLAG',
          exitCode: ExitCode.usage,
        })
      }
      return n
    }
    const weights = {
      neededOptions: num('weight-options', flags['weight-options'], false),
      outside: num('weight-outside', flags['weight-outside'], false),
      cost: num('weight-cost', flags['weight-cost'], false),
    }
    if (weights.neededOptions + weights.outside + weights.cost === 0) {
      throw new UserError('スコアの重みがすべて 0 です', {code: 'INVALID_FLAG', exitCode: ExitCode.usage})
    }
    const result = await compareRfi({
      dbPath: flags.db,
      business: flags.business,
      output: flags.output,
      weights,
      fxRate: num('fx-rate', flags['fx-rate'], true),
    })
    this.warnAll(result.warnings)
    this.log(presentRfiComparison(result))
    if (result.output) this.log(`RFI比較表を出力しました: ${result.output}`)
    return result
  }
}

function presentRfiComparison(result: RfiCompareResult): string {
  const out: string[] = []
  for (const b of result.businesses) {
    out.push(`${b.business}（第${b.specVersion}版）`)
    const rows = [...b.vendors]
      .sort((x, y) => x.rank - y.rank)
      .map((v) => [
        v.rank,
        v.vendor,
        v.score.toFixed(1),
        `${v.answered}/${v.answered + v.blank}`,
        `${v.neededOptionsMet}/${v.neededOptionsTotal}`,
        `${v.outsideCovered}/${v.outsideTotal}`,
        formatYen(v.fiveYearYen),
        v.flags.join('\n'),
      ])
    out.push(
      renderTable(
        ['順位', '事業者', 'スコア', '回答', '必要オプション○', '独自要件', '5年間総額(円)', '指摘事項'],
        rows,
      ),
    )
  }
  return out.join('\n')
}
