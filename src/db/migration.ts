/** One schema step. Append-only: never edit a released migration, add a new one. */
export interface Migration {
  readonly name: string
  readonly sql: string
}
