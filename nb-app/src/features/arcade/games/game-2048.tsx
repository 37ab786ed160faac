import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GameFrame } from '../components/game-frame';
import { addTile, canMove, move, newBoard, type Direction } from '../lib/g2048';

const KEYS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  a: 'left',
  d: 'right',
  w: 'up',
  s: 'down',
};

const TILE: Record<number, string> = {
  0: 'bg-zinc-200 dark:bg-zinc-800',
  2: 'bg-amber-50 text-zinc-800',
  4: 'bg-amber-100 text-zinc-800',
  8: 'bg-amber-300 text-zinc-900',
  16: 'bg-amber-400 text-white',
  32: 'bg-orange-400 text-white',
  64: 'bg-orange-500 text-white',
  128: 'bg-yellow-400 text-white',
};

export default function Game2048() {
  const { t } = useTranslation();
  const [board, setBoard] = useState(() => newBoard());
  const [score, setScore] = useState(0);
  const over = !canMove(board);

  const play = (dir: Direction) => {
    const res = move(board, dir);
    if (!res.moved) return;
    setBoard(addTile(res.board));
    setScore((s) => s + res.gained);
  };

  return (
    <GameFrame
      onKey={(key) => {
        if (key === 'r') {
          setBoard(newBoard());
          setScore(0);
          return true;
        }
        const dir = KEYS[key];
        if (dir) play(dir);
        return Boolean(dir);
      }}
      onSwipe={play}
      status={over ? t('arcade.gameOver', { score }) : t('arcade.score', { score })}
    >
      <div className="grid w-full grid-cols-4 gap-2 rounded-xl bg-zinc-300 p-2 dark:bg-zinc-700">
        {board.flat().map((v, i) => (
          <div
            key={i}
            className={`flex aspect-square items-center justify-center rounded-lg text-xl font-bold ${TILE[v] ?? 'bg-red-500 text-white'}`}
          >
            {v || ''}
          </div>
        ))}
      </div>
    </GameFrame>
  );
}
