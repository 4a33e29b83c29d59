import Table from 'cli-table3';

// The harness's terminal tables: borderless, indented under the line they belong to, columns two
// spaces apart, no colours (the output is read in CI logs as often as in a terminal).

export function plainTable(head: string[], align: ('left' | 'right')[]): Table.Table {
  return new Table({
    ...(head.length ? { head } : {}),
    colAligns: align,
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '  ',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
}

/** The table's text without the spaces that pad its last column. */
export const renderTable = (t: Table.Table) => t.toString().replace(/[ \t]+$/gm, '');
