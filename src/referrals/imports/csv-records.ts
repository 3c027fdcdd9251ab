/** One record of a CSV file, with the file line it starts on (a quoted cell may span lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A file that is not RFC 4180 CSV from `line` on (an unterminated quote, a quote inside an unquoted cell). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Reads RFC 4180 CSV one record at a time: cells separated by commas, records by CRLF or
 * LF (a lone CR too, as old spreadsheets write), cells optionally in double quotes, where a
 * doubled quote stands for one and commas and line breaks are part of the cell. A leading
 * byte order mark is dropped. Lazy, so the header of a large file is read without the rest.
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const length = text.length;
  if (position >= length) return;

  while (position < length) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(position) === QUOTE) {
        const cellLine = line;
        let value = '';
        let from = position + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) throw new CsvSyntaxError(cellLine, 'a quoted cell is never closed');
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            from = quote + 2;
            continue;
          }
          position = quote + 1;
          break;
        }
        line += countLineBreaks(value);
        const next = text.charCodeAt(position);
        if (position < length && next !== COMMA && next !== CR && next !== LF) {
          throw new CsvSyntaxError(line, 'a quoted cell must end at a comma or the end of the line');
        }
        cell = value;
      } else {
        let end = position;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === COMMA || code === CR || code === LF) break;
          if (code === QUOTE) throw new CsvSyntaxError(line, 'a cell with a double quote must be in double quotes, the quote doubled');
          end++;
        }
        cell = text.slice(position, end);
        position = end;
      }
      cells.push(cell);
      if (position < length && text.charCodeAt(position) === COMMA) {
        position++;
        continue;
      }
      break;
    }
    if (position < length) {
      // A record ends at CRLF, LF or CR.
      if (text.charCodeAt(position) === CR && text.charCodeAt(position + 1) === LF) position += 2;
      else position++;
      line++;
    }
    yield { line: recordLine, cells };
  }
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === LF) count++;
    else if (code === CR && value.charCodeAt(index + 1) !== LF) count++;
  }
  return count;
}

/** A record with nothing in it (a blank line): skipped, as spreadsheets leave them at the end. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell.trim() === '');
}
