import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {backupDatabase, type BackupResult} from '../workspace/doctor.service.js'

export default class Backup extends BaseCommand {
  static override summary = 'データベースの整合したコピーを作成します（他の利用者が読み込み中でも可）'
  static override examples = ['<%= config.bin %> <%= command.id %> backup/hyojun-20261125.db']
  static override args = {file: Args.string({description: '出力先ファイル', required: true})}
  static override flags = {force: Flags.boolean({summary: '出力先が既にあれば上書きします'})}

  async run(): Promise<BackupResult> {
    const {args, flags} = await this.parse(Backup)
    const r = await backupDatabase({dbPath: flags.db, target: args.file, force: flags.force})
    this.log(`バックアップを作成しました: ${r.target}（${r.sizeBytes.toLocaleString('ja-JP')} バイト）`)
    return r
  }
}
