import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {resolveToday} from '../cli/flags.js'
import {formatPercent, formatYen, renderTable} from '../text/format.js'
import {SUMMARY_HEAD, summaryRows} from '../fitgap/fitgap-present.js'
import {runPipeline, type RunResult} from '../pipeline/run.service.js'

const STATUS: Record<RunResult['steps'][number]['status'], string> = {
  done: '完了',
  skipped: '省略',
  'not-built': '未実装',
}

export default class Run extends BaseCommand {
  static override summary =
    '標準仕様書と台帳を取り込み、Fit&Gap・ロードマップ・経費試算・RFI 比較・移行計画サマリを出力します（メイン処理）'
  static override description =
    'データベースが保持するデータは置き換えません。--inventory を指定したときだけそのフォルダのシステム台帳（systems.xlsx）とカスタマイズ一覧（customizations*.xlsx / *.csv）を取り込み、' +
    '取込済みの台帳があればそれを分析します。データベースが空のときだけ同梱のサンプル団体（架空）を使い、そのことを表示します。' +
    '標準仕様書は --specs（既定: ./specs、なければ取込済みの版、それもなければ同梱仕様書）から、取込済みでない版だけを取り込みます。' +
    '全業務の Fit&Gap を判定し、--reports に比較分析表・ロードマップ・経費試算・RFI 比較（回答がある場合）・移行計画サマリ（グラフ付き）を出力します。'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --inventory 自団体の台帳フォルダ',
    '<%= config.bin %> <%= command.id %> --sample --db サンプル.db',
  ]
  static override flags = {
    specs: Flags.string({
      summary: '標準仕様書のフォルダ（既定: ./specs、なければ取込済みの版、それもなければ同梱仕様書）',
    }),
    inventory: Flags.string({
      summary: '取り込むシステム台帳・カスタマイズ一覧のフォルダ（取込済みの台帳を置き換えます）',
    }),
    sample: Flags.boolean({
      summary:
        '同梱のサンプル団体（架空）と同梱仕様書で実行します（自団体のデータがあるデータベースでは実行しません）',
      default: false,
      exclusive: ['inventory'],
    }),
    reports: Flags.string({summary: 'レポートの出力先フォルダ', default: 'reports'}),
    today: Flags.string({summary: 'ロードマップ・経費試算・サマリの基準日（YYYY-MM-DD、既定: 今日）'}),
  }

  async run(): Promise<RunResult> {
    const {flags} = await this.parse(Run)
    const quiet = this.jsonEnabled()
    const tty = process.stderr.isTTY === true && !quiet
    const result = await runPipeline({
      dbPath: flags.db,
      specsDir: flags.specs,
      inventoryDir: flags.inventory,
      sample: flags.sample,
      reportsDir: flags.reports,
      now: new Date(),
      today: flags.today === undefined ? undefined : resolveToday(flags.today),
      onStep: (name) => {
        if (tty) this.note(`… ${name}`)
      },
      onStepDone: (s) => {
        if (!quiet) this.note(`[${STATUS[s.status]}] ${s.name}: ${s.detail}`)
      },
    })
    this.warnAll(result.warnings)
    if (result.sample)
      this.log('【サンプル】同梱のサンプル団体（架空）のデータで分析しました。自団体のデータではありません。')
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
