import { describe, expect, it } from 'vitest';
import { canMove, move } from './g2048';
import { step } from './life';

describe('arcade logic', () => {
  it('2048 merges each pair once', () => {
    const { board, gained, moved } = move(
      [
        [2, 2, 2, 2],
        [4, 0, 4, 8],
        [0, 0, 0, 0],
        [2, 4, 8, 16],
      ],
      'left',
    );
    expect(board[0]).toEqual([4, 4, 0, 0]);
    expect(board[1]).toEqual([8, 8, 0, 0]);
    expect(gained).toBe(16);
    expect(moved).toBe(true);
    expect(
      move(
        [
          [2, 0],
          [4, 0],
        ],
        'up',
      ).board,
    ).toEqual([
      [2, 0],
      [4, 0],
    ]);
    expect(
      canMove([
        [2, 4],
        [4, 2],
      ]),
    ).toBe(false);
  });

  it('Game of Life blinker oscillates', () => {
    const F = false;
    const T = true;
    const blinker = [
      [F, F, F, F, F],
      [F, F, T, F, F],
      [F, F, T, F, F],
      [F, F, T, F, F],
      [F, F, F, F, F],
    ];
    const next = step(blinker);
    expect(next[2]).toEqual([F, T, T, T, F]);
    expect(step(next)).toEqual(blinker);
  });
});
