export type Board = number[][];
export type Direction = 'left' | 'right' | 'up' | 'down';

function slideRow(row: number[]): { row: number[]; gained: number } {
  const tiles = row.filter((v) => v !== 0);
  const out: number[] = [];
  let gained = 0;
  for (let i = 0; i < tiles.length; i++) {
    if (tiles[i] === tiles[i + 1]) {
      out.push(tiles[i] * 2);
      gained += tiles[i] * 2;
      i++;
    } else {
      out.push(tiles[i]);
    }
  }
  while (out.length < row.length) out.push(0);
  return { row: out, gained };
}

const transpose = (b: Board): Board => b[0].map((_, c) => b.map((r) => r[c]));

/** One 2048 move: tiles slide toward `dir`, equal neighbours merge once. */
export function move(board: Board, dir: Direction): { board: Board; gained: number; moved: boolean } {
  const vertical = dir === 'up' || dir === 'down';
  const reverse = dir === 'right' || dir === 'down';
  let rows = vertical ? transpose(board) : board.map((r) => [...r]);
  let gained = 0;
  rows = rows.map((r) => {
    const res = slideRow(reverse ? [...r].reverse() : r);
    gained += res.gained;
    return reverse ? res.row.reverse() : res.row;
  });
  const next = vertical ? transpose(rows) : rows;
  const moved = next.some((r, i) => r.some((v, j) => v !== board[i][j]));
  return { board: next, gained, moved };
}

export function addTile(board: Board, random = Math.random): Board {
  const empty: [number, number][] = [];
  board.forEach((r, i) => r.forEach((v, j) => v === 0 && empty.push([i, j])));
  if (empty.length === 0) return board;
  const [i, j] = empty[Math.floor(random() * empty.length)];
  const next = board.map((r) => [...r]);
  next[i][j] = random() < 0.9 ? 2 : 4;
  return next;
}

export function newBoard(size = 4, random = Math.random): Board {
  return addTile(
    addTile(
      Array.from({ length: size }, () => new Array<number>(size).fill(0)),
      random,
    ),
    random,
  );
}

export function canMove(board: Board): boolean {
  return (['left', 'right', 'up', 'down'] as const).some((d) => move(board, d).moved);
}
