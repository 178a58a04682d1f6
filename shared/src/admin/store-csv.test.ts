import { MAX_IMPORT_ROWS, parseCsvRecords, parseStoreCsv } from './store-csv';

describe('CSV records', () => {
  test('quotes, doubled quotes, quoted commas and line breaks, CRLF, a BOM; records know their first line', () => {
    const { records, error } = parseCsvRecords('\ufeffa,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n\nlast,1');
    expect(error).toBeUndefined();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', 'z'] },
      { line: 6, fields: ['last', '1'] },
    ]);
  });
  test('an unclosed quote is reported on the line it opens', () => {
    expect(parseCsvRecords('a,b\n"open,1\n2').error).toEqual({ line: 2, field: 'csv', message: 'a quoted field is not closed' });
  });
});

describe('the store import file', () => {
  const header = 'storeId,name,region,timeZone,staffIds';
  test('good rows become stores; each bad row is reported with its line and field, and is not among the rows', () => {
    const { rows, errors } = parseStoreCsv(
      [
        header,
        'bj-001,北京国贸店,north,Asia/Shanghai,bj-001-a;bj-001-b',
        'bj-002,"Beijing, Sanlitun",north,Mars/Olympus,',
        'bj 003,北京三里屯店,north,Asia/Shanghai,',
        'bj-004,,north,Asia/Shanghai,',
        'bj-005,x,north',
        'bj-001,again,north,Asia/Shanghai,',
        'bj-006,北京望京店,north,UTC,',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.line, r.store.storeId, r.store.staffIds])).toEqual([
      [2, 'bj-001', ['bj-001-a', 'bj-001-b']],
      [8, 'bj-006', []],
    ]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'timeZone'],
      [4, 'storeId'],
      [5, 'name'],
      [6, 'row'],
      [7, 'storeId'],
    ]);
    expect(errors[4].message).toContain('line 2');
  });
  test('the header: any order and case, staffIds optional; a missing or unknown column refuses the whole file', () => {
    const ok = parseStoreCsv('TIMEZONE,Region,name,storeid\nAsia/Shanghai,east,店,sh-009');
    expect(ok.errors).toEqual([]);
    expect(ok.rows[0]).toEqual({ line: 2, hasStaffIds: false, store: { storeId: 'sh-009', name: '店', region: 'east', timeZone: 'Asia/Shanghai' } });
    expect(parseStoreCsv('storeId,name,region\nx,y,z')).toEqual({ rows: [], errors: [{ line: 1, field: 'header', message: 'missing column(s): timeZone' }] });
    expect(parseStoreCsv('storeId,name,region,timeZone,city\n').errors[0]).toMatchObject({ line: 1, field: 'header' });
    expect(parseStoreCsv('').errors[0]).toMatchObject({ line: 1, field: 'header' });
  });
  test(`at most ${MAX_IMPORT_ROWS} rows`, () => {
    const lines = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `s-${i},n,r,UTC`);
    expect(parseStoreCsv(['storeId,name,region,timeZone', ...lines].join('\n')).errors).toEqual([{ line: 1, field: 'csv', message: `at most ${MAX_IMPORT_ROWS} stores per file` }]);
  });
});
