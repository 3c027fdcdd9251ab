import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CsvSyntaxError, csvRecords } from './csv-records.js';

const read = (text: string) => [...csvRecords(text)];

describe('reading RFC 4180 CSV', () => {
  it('splits cells at commas and records at CRLF, LF or CR, numbering the lines from 1', () => {
    expect(read('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 3, cells: ['e', 'f'] },
      { line: 4, cells: ['g', 'h'] },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted cells, and numbers records by the line they start on', () => {
    expect(read('name,notes\r\n"Smith, Ann","She said ""hello""\r\nthen left"\r\nnext,row\r\n')).toEqual([
      { line: 1, cells: ['name', 'notes'] },
      { line: 2, cells: ['Smith, Ann', 'She said "hello"\r\nthen left'] },
      { line: 4, cells: ['next', 'row'] },
    ]);
  });

  it('drops a byte order mark and does not invent a record after the last line break', () => {
    expect(read('\uFEFFa,b\n')).toEqual([{ line: 1, cells: ['a', 'b'] }]);
    expect(read('')).toEqual([]);
  });

  it('keeps empty cells, including a trailing one and an empty quoted one', () => {
    expect(read('a,,""\nb,c,\n')).toEqual([
      { line: 1, cells: ['a', '', ''] },
      { line: 2, cells: ['b', 'c', ''] },
    ]);
  });

  it('reads the header without reading the rest of the file', () => {
    const records = csvRecords('a,b\n"never closed');
    expect(records.next().value).toEqual({ line: 1, cells: ['a', 'b'] });
    expect(() => records.next()).toThrow(CsvSyntaxError);
  });

  it('names the line of a quoted cell never closed, and of text after a closing quote', () => {
    expect(() => read('a\n\n"x,y\nz')).toThrow(expect.objectContaining({ line: 3, message: 'a quoted cell is never closed' }));
    expect(() => read('a\n"x"y,z')).toThrow(expect.objectContaining({ line: 2 }));
    expect(() => read('a\nx"y')).toThrow(expect.objectContaining({ line: 2 }));
  });

  it('reads back any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\r\n', '\n', 'é', ';') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })), (table) => {
        const text = table.map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        expect(read(text).map((record) => record.cells)).toEqual(table);
      }),
    );
  });
});
