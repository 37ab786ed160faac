import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GameFrame } from '../components/game-frame';
import { randomGrid, step } from '../lib/life';

const SIZE = 24;

export default function Life() {
  const { t } = useTranslation();
  const [grid, setGrid] = useState(() => randomGrid(SIZE, SIZE));
  const [running, setRunning] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      setGrid(step);
      setGeneration((g) => g + 1);
    }, 150);
    return () => clearInterval(timer);
  }, [running]);

  const toggle = (y: number, x: number) =>
    setGrid((g) => g.map((row, j) => row.map((v, i) => (j === y && i === x ? !v : v))));

  return (
    <GameFrame
      onKey={(key) => {
        if (key === ' ') setRunning((r) => !r);
        else if (key === 'r') setGrid(randomGrid(SIZE, SIZE));
        else if (key === 'c') setGrid(randomGrid(SIZE, SIZE, 0));
        else return false;
        return true;
      }}
      status={t('arcade.generation', { n: generation })}
    >
      <div
        className="grid w-full gap-px rounded-lg bg-zinc-300 p-px dark:bg-zinc-700"
        style={{ gridTemplateColumns: `repeat(${SIZE}, minmax(0, 1fr))` }}
      >
        {grid.map((row, y) =>
          row.map((alive, x) => (
            <button
              key={`${y}-${x}`}
              type="button"
              tabIndex={-1}
              aria-label={`${x},${y}`}
              onClick={() => toggle(y, x)}
              className={`aspect-square ${alive ? 'bg-amber-400' : 'bg-white dark:bg-zinc-900'}`}
            />
          )),
        )}
      </div>
      <div className="flex gap-2 text-xs">
        <button
          type="button"
          className="rounded bg-zinc-100 px-2 py-1 dark:bg-zinc-800"
          onClick={() => setRunning((r) => !r)}
        >
          {running ? t('arcade.pause') : t('arcade.play')}
        </button>
        <button
          type="button"
          className="rounded bg-zinc-100 px-2 py-1 dark:bg-zinc-800"
          onClick={() => setGrid(randomGrid(SIZE, SIZE))}
        >
          {t('arcade.random')}
        </button>
      </div>
    </GameFrame>
  );
}
