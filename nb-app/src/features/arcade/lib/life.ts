export type Grid = boolean[][];

/** One Game of Life generation on a wrapping (toroidal) grid. */
export function step(grid: Grid): Grid {
  const h = grid.length;
  const w = grid[0]?.length ?? 0;
  return grid.map((row, y) =>
    row.map((alive, x) => {
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx || dy) && grid[(y + dy + h) % h][(x + dx + w) % w]) n++;
        }
      }
      return n === 3 || (alive && n === 2);
    }),
  );
}

export function randomGrid(w: number, h: number, density = 0.25, random = Math.random): Grid {
  return Array.from({ length: h }, () => Array.from({ length: w }, () => random() < density));
}
