import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {businessFlag} from '../../cli/flags.js'
import {renderTable} from '../../text/format.js'
import {versionLabel} from '../../standard/spec.schema.js'
import {importSpecs, type SpecImportResult} from '../../standard/spec-import.service.js'

export default class SpecsImport extends BaseCommand {
  static override summary = '標準仕様書（hyojun 形式 XML または機能・帳票要件の Excel 別紙）を取り込みます'
  static override description =
    'PATH にファイルまたはフォルダを指定します（フォルダの場合は中の .xml / .xlsx をすべて取り込みます）。' +
    'すべてのファイルを検査し、問題が 1 件でもあれば何も登録しません。取込済みの版は --replace を付けた場合だけ置き換えます。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> specs',
    '<%= config.bin %> <%= command.id %> 介護保険_機能要件_第4.0版.xlsx',
    '<%= config.bin %> <%= command.id %> 別紙1_機能要件.xlsx --business 住民基本台帳 --version 第6.0版',
  ]
  static override args = {
    path: Args.string({description: '取り込むファイル（.xml / .xlsx）またはフォルダ', required: true}),
  }
  static override flags = {
    business: businessFlag({summary: '対象業務（Excel の表題・ファイル名から判別できない場合に指定）'}),
    version: Flags.string({
      summary: '版（例: 5.0、第5.0版。Excel の表題・ファイル名から判別できない場合に指定）',
    }),
    published: Flags.string({summary: '公表日（YYYY-MM-DD。Excel の表題にない場合に指定）'}),
    replace: Flags.boolean({summary: '取込済みの版を置き換えます', default: false}),
    'dry-run': Flags.boolean({summary: '検査だけを行い、データベースには登録しません', default: false}),
  }

  async run(): Promise<SpecImportResult> {
    const {args, flags} = await this.parse(SpecsImport)
    const result = await importSpecs({
      dbPath: flags.db,
      path: args.path,
      business: flags.business,
      version: flags.version,
      published: flags.published,
      replace: flags.replace,
      dryRun: flags['dry-run'],
    })
    this.warnAll(result.warnings)
    if (result.imported.length > 0) {
      this.log(
        renderTable(
          ['業務', '版', '機能要件', '帳票', 'ファイル', ''],
          result.imported.map((i) => [
            i.business,
            versionLabel(i.version),
            i.requirements,
            i.forms,
            i.file,
            i.replaced ? '置換' : '',
          ]),
        ),
      )
    }
    for (const s of result.skipped)
      this.log(`取込済みのため省略: ${s.business} ${versionLabel(s.version)}（${s.file}）`)
    this.log(
      result.dryRun
        ? `検査のみ: ${result.imported.length} 版に問題はありません（データベースは変更していません）`
        : `${result.imported.length} 版を取り込みました`,
    )
    return result
  }
}
