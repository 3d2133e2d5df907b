import {BaseCommand} from '../cli/base-command.js'
import {renderTable} from '../text/format.js'
import {listCatalog, type CatalogResult} from '../catalog/catalog.service.js'

export default class Catalog extends BaseCommand {
  static override summary = '標準化対象の20業務（ID・国の業務ID・名称・別名・標準仕様書）を一覧表示します'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run(): Promise<CatalogResult> {
    await this.parse(Catalog)
    const result = listCatalog()
    this.log(
      renderTable(
        ['ID', '業務ID', '業務', '別名', '当初17', '分類', '標準仕様書', '所管'],
        result.businesses.map((b) => [
          b.id,
          b.businessIds.join('・'),
          b.name,
          b.aliases.join('、'),
          b.original17 ? '○' : '',
          b.group,
          b.spec,
          b.ministry,
        ]),
      ),
    )
    return result
  }
}
