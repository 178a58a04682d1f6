import { CSV_BOM, CSV_HEAD, EXPORT_COLUMNS, csvCell, csvLine, exportLine, type ExportableResponse } from './csv';
import { parseCsv } from '../../../test/csv-parser';

describe('csvCell', () => {
  it.each([
    ['plain text', 'plain text'],
    ['上海南京西路店', '上海南京西路店'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['line1\r\nline2', '"line1\r\nline2"'],
    ['排队太久，收银慢', '排队太久，收银慢'], // a full-width comma is not a separator
    ['', ''],
  ])('%j → %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+86 138', "'+86 138"],
    ['-_- 太慢了', "'-_- 太慢了"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1', `"'\r=1"`],
  ])('guards a formula: %j → %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it('leaves text that only contains a formula character later alone', () => expect(csvCell('1+1=2')).toBe('1+1=2'));
  it('writes numbers as they are (our scores, never customer text)', () => {
    expect(csvCell(0)).toBe('0');
    expect(csvCell(10)).toBe('10');
  });
  it('an absent value is an empty cell', () => expect(csvCell(undefined)).toBe(''));
});

describe('csvLine and the head', () => {
  it('joins cells with commas and ends with CRLF', () => expect(csvLine(['a', 1, undefined, 'b,c'])).toBe('a,1,,"b,c"\r\n'));
  it('starts with the BOM, then the header row in the contract order', () => {
    expect(CSV_HEAD.startsWith(CSV_BOM)).toBe(true);
    expect(CSV_HEAD.slice(1)).toBe('responseId,submittedAt,store,region,staff,touchpoint,nps,band,csat,ces,reasons,comment,phone\r\n');
  });
});

const response = (patch: Partial<ExportableResponse> = {}): ExportableResponse => ({
  responseId: '01J0000000000000000000000A',
  submittedAt: '2026-03-10T02:03:04.000Z',
  storeId: 'sh-001',
  region: 'east',
  staffId: 'sh-001-wang',
  touchpoint: 'in_store',
  answers: { nps: 3, csat: 2, ces: 6, reasons: ['slow_queue', 'rude_staff'], comment: '排队太久, "收银"慢\n店员态度一般' },
  band: 'detractor',
  ...patch,
});

describe('exportLine', () => {
  it('writes every column, and a parser reads the same values back', () => {
    const [record] = parseCsv(exportLine(response(), '138****5678'));
    expect(Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, record[i]]))).toEqual({
      responseId: '01J0000000000000000000000A',
      submittedAt: '2026-03-10T02:03:04.000Z',
      store: 'sh-001',
      region: 'east',
      staff: 'sh-001-wang',
      touchpoint: 'in_store',
      nps: '3',
      band: 'detractor',
      csat: '2',
      ces: '6',
      reasons: 'slow_queue;rude_staff',
      comment: '排队太久, "收银"慢\n店员态度一般',
      phone: '138****5678',
    });
  });

  it('leaves unanswered questions, no staff and no phone empty', () => {
    const line = exportLine(response({ staffId: undefined, answers: { nps: 10 }, band: 'promoter' }), undefined);
    expect(parseCsv(line)).toEqual([['01J0000000000000000000000A', '2026-03-10T02:03:04.000Z', 'sh-001', 'east', '', 'in_store', '10', 'promoter', '', '', '', '', '']]);
  });

  it('a whole file of awkward comments parses back row by row', () => {
    const comments = ['a,b', '"', '""', '\n', '\r\n', ',,,', '=1+1', '中文，逗号', ' 前后空格 ', ''];
    const text = CSV_HEAD + comments.map((comment, i) => exportLine(response({ responseId: `r${i}`, answers: { nps: 5, comment } }), undefined)).join('');
    const [header, ...rows] = parseCsv(text.slice(CSV_BOM.length));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const comment = EXPORT_COLUMNS.indexOf('comment');
    expect(rows.map((r) => r[comment])).toEqual(comments.map((c) => (c.startsWith('=') || c.startsWith('\r') ? `'${c}` : c)));
    expect(rows.every((r) => r.length === EXPORT_COLUMNS.length)).toBe(true);
  });
});
