import { parseStoreCsv } from '@xinsheng/shared'
import { csvLineReport, linesWithErrors } from './admin-stores-csv'

describe('the import report beside the CSV', () => {
  const csv = '\ufeffstoreId,name,region,timeZone\r\nok-1,店一,north,Asia/Shanghai\r\nbad-2,店二,north,Mars/Olympus\r\n,店三,north,UTC\r\n'

  it("puts each of the server's errors beside its line (1 = the header), numbered as the parser numbers them", () => {
    const { errors } = parseStoreCsv(csv)
    const report = csvLineReport(csv, errors)
    expect(report.map((l) => l.line)).toEqual([1, 2, 3, 4])
    expect(report[0].text).toBe('storeId,name,region,timeZone')
    expect(report[1].errors).toEqual([])
    expect(report[2]).toMatchObject({ text: 'bad-2,店二,north,Mars/Olympus', errors: [{ field: 'timeZone', message: expect.any(String) }] })
    expect(report[3].errors.map((e) => e.field)).toEqual(['storeId'])
    expect(linesWithErrors(report).map((l) => l.line)).toEqual([3, 4])
  })

  it('keeps an error past the end of the text on the last line', () => {
    expect(csvLineReport('a\nb', [{ line: 9, field: 'csv', message: 'a quoted field is not closed' }])[1].errors).toEqual([{ field: 'csv', message: 'a quoted field is not closed' }])
  })
})
