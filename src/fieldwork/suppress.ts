// Small-cell suppression for anything shown outside the research team (the partner view): every count under
// 10 is hidden ("<10"), and so many more cells besides that no hidden count can be worked out from the totals
// shown: in every row and column (totals included) no single cell is hidden alone (secondary suppression, the
// usual rule of statistical offices). Pure.

/** Counts under this are never shown outside the research team. */
export const SMALL_CELL = 10;

export type ShownCell = { readonly kind: 'count'; readonly value: number } | { readonly kind: 'small' } | { readonly kind: 'hidden' };

export interface SuppressedTable {
  /** [row][column] of the body. */
  readonly cells: readonly (readonly ShownCell[])[];
  readonly rowTotals: readonly ShownCell[];
  readonly columnTotals: readonly ShownCell[];
  readonly total: ShownCell;
}

/** Hides small counts and every count they could be worked out from. `counts` is [row][column]. */
export function suppressTable(counts: readonly (readonly number[])[], columns: number): SuppressedTable {
  const rows = counts.length;
  // The grid with its margins: row `rows` holds the column totals, column `columns` the row totals.
  const grid: number[][] = counts.map((row) => {
    const body = Array.from({ length: columns }, (_, c) => row[c] ?? 0);
    return [...body, body.reduce((a, b) => a + b, 0)];
  });
  grid.push(Array.from({ length: columns + 1 }, (_, c) => grid.reduce((sum, row) => sum + (row[c] as number), 0)));
  const hidden = grid.map((row) => row.map((v) => v < SMALL_CELL));
  const small = hidden.map((row) => [...row]);
  // Each row and column (margins included) is a sum: its last entry equals the others added up.
  const lines: [number, number][][] = [
    ...grid.map((_, r) => Array.from({ length: columns + 1 }, (_, c): [number, number] => [r, c])),
    ...Array.from({ length: columns + 1 }, (_, c) => grid.map((_, r): [number, number] => [r, c])),
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hiddenHere = line.filter(([r, c]) => hidden[r]![c]);
      if (hiddenHere.length !== 1) continue;
      // Hide the smallest shown part of the sum (not its total when a part will do).
      const parts = line.slice(0, -1).filter(([r, c]) => !hidden[r]![c]);
      const pool = parts.length > 0 ? parts : line.filter(([r, c]) => !hidden[r]![c]);
      const [r, c] = pool.reduce((a, b) => (grid[b[0]]![b[1]]! < grid[a[0]]![a[1]]! ? b : a));
      hidden[r]![c] = true;
      changed = true;
    }
  }
  const shown = (r: number, c: number): ShownCell =>
    small[r]![c] ? { kind: 'small' } : hidden[r]![c] ? { kind: 'hidden' } : { kind: 'count', value: grid[r]![c]! };
  return {
    cells: counts.map((_, r) => Array.from({ length: columns }, (_, c) => shown(r, c))),
    rowTotals: counts.map((_, r) => shown(r, columns)),
    columnTotals: Array.from({ length: columns }, (_, c) => shown(rows, c)),
    total: shown(rows, columns),
  };
}

/** A cell as text: the count, "<10", or "·" for a count hidden so that a small one cannot be worked out. */
export const cellText = (cell: ShownCell): string =>
  cell.kind === 'count' ? String(cell.value) : cell.kind === 'small' ? `<${SMALL_CELL}` : '·';
