import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {formatPercent, formatYen, renderTable} from '../cli/present.js'
import {SUMMARY_HEAD, summaryRows} from '../fitgap/fitgap-present.js'
import {dataDir, runPipeline, type RunResult} from '../pipeline/run.service.js'

const STATUS: Record<RunResult['steps'][number]['status'], string> = {
  done: '完了',
  skipped: '省略',
  'not-built': '未実装',
}

export default class Run extends BaseCommand {
  static override summary =
    '標準仕様書とサンプル団体のデータを取り込み、分析してレポートを出力します（メイン処理）'
  static override description =
    '--specs の標準仕様書（取込済みの版は省略）、--inventory のシステム台帳（systems.xlsx）とカスタマイズ一覧（customizations*.xlsx / *.csv）を取り込み、' +
    '全業務の Fit&Gap を判定し、--reports に比較分析表・ロードマップ・経費試算・RFI 比較（回答がある場合）・移行計画サマリ（グラフ付き）を出力します。同じデータベースで何度でも再実行できます（台帳は置き換え、レビュー結果は保持）。'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --inventory 自団体の台帳フォルダ',
  ]
  static override flags = {
    specs: Flags.string({summary: '標準仕様書のフォルダ（既定: ./specs、なければ同梱の標準仕様書）'}),
    inventory: Flags.string({
      summary: 'システム台帳・カスタマイズ一覧のフォルダ（既定: ./inventory、なければ同梱のサンプル団体）',
    }),
    reports: Flags.string({summary: 'レポートの出力先フォルダ', default: 'reports'}),
    today: Flags.string({summary: 'ロードマップ・経費試算・サマリの基準日（YYYY-MM-DD、既定: 今日）'}),
  }

  async run(): Promise<RunResult> {
    const {flags} = await this.parse(Run)
    const tty = process.stderr.isTTY === true && !this.jsonEnabled()
    const result = await runPipeline({
      dbPath: flags.db,
      specsDir: dataDir(flags.specs, 'specs'),
      inventoryDir: dataDir(flags.inventory, 'inventory'),
      reportsDir: flags.reports,
      now: new Date(),
      today: flags.today,
      onStep: (name) => {
        if (tty) this.note(`… ${name}`)
      },
    })
    this.warnAll(result.warnings)
    for (const s of result.steps) this.log(`[${STATUS[s.status]}] ${s.name}: ${s.detail}`)
    if (result.fitgap.length > 0) {
      this.log(
        renderTable(SUMMARY_HEAD, summaryRows(result.fitgap, {yen: formatYen, percent: formatPercent})),
      )
    }
    for (const r of result.reports) this.log(`出力: ${r}`)
    this.log(`データベース: ${result.db}`)
    return result
  }
}
