import type { ImportError } from '@xinsheng/shared'

/**
 * The import's answer laid beside the file: every line of the CSV as sent, numbered as the server
 * numbers them (1 = the header), each with the errors the server reported for it. An error whose
 * line the text does not have (a quote left open to the end) is kept on the last line. No Taro here.
 */
export interface CsvLineReport {
  line: number
  text: string
  errors: { field: string; message: string }[]
}

export function csvLineReport(csv: string, errors: readonly ImportError[]): CsvLineReport[] {
  const body = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv
  const texts = body.split(/\r\n|\n|\r/)
  // A final line break ends the last line; it does not open another.
  if (texts.length > 1 && texts[texts.length - 1] === '') texts.pop()
  const lines: CsvLineReport[] = texts.map((text, i) => ({ line: i + 1, text, errors: [] }))
  for (const error of errors) {
    const index = Math.min(Math.max(error.line, 1), lines.length) - 1
    lines[index]?.errors.push({ field: error.field, message: error.message })
  }
  return lines
}

/** The lines the server refused (a file of hundreds of stores shows only those). */
export const linesWithErrors = (report: readonly CsvLineReport[]): CsvLineReport[] => report.filter((l) => l.errors.length > 0)
