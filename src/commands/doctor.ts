import {BaseCommand} from '../cli/base-command.js'
import {renderTable} from '../text/format.js'
import {runDoctor, type DoctorResult} from '../workspace/doctor.service.js'

export default class Doctor extends BaseCommand {
  static override summary = 'データベースの状態（スキーマ版・ジャーナル・整合性・件数）を表示します'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --db 別の.db --json',
  ]

  async run(): Promise<DoctorResult> {
    const {flags} = await this.parse(Doctor)
    const r = runDoctor({dbPath: flags.db})
    const m = r.municipality
    this.log(
      [
        `データベース: ${r.path}${r.exists ? '' : '（新規作成）'}`,
        `スキーマ版: ${r.schemaVersion} / ${r.latestSchemaVersion}`,
        `ジャーナル: ${r.journalMode}　同期: ${r.synchronous}　整合性: ${r.integrity}`,
        `団体: ${m ? `${m.prefecture}${m.name}（${m.code}、${m.kind}）` : '未登録（hyojun init で登録してください）'}`,
        renderTable(
          ['テーブル', '件数'],
          r.tables.map((t) => [t.name, t.rows]),
        ),
        r.ok ? '状態: 正常' : '状態: 要確認',
        ...(r.schemaVersion < r.latestSchemaVersion
          ? [
              'スキーマ版が古いデータベースです（doctor は読み取り専用で、変更しません）。データベースに書き込むコマンド（hyojun run、hyojun init など）を実行すると最新の版に移行します',
            ]
          : []),
      ].join('\n'),
    )
    if (!r.ok) process.exitCode = 1
    return r
  }
}
