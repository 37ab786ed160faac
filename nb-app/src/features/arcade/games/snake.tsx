import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GameFrame } from '../components/game-frame';

const N = 16;
type Point = { x: number; y: number };
const DIRS: Record<string, Point> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  w: { x: 0, y: -1 },
  s: { x: 0, y: 1 },
  a: { x: -1, y: 0 },
  d: { x: 1, y: 0 },
};
const SWIPES: Record<string, string> = { up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight' };

const randomFood = (snake: Point[]): Point => {
  for (;;) {
    const p = { x: Math.floor(Math.random() * N), y: Math.floor(Math.random() * N) };
    if (!snake.some((s) => s.x === p.x && s.y === p.y)) return p;
  }
};

export default function Snake() {
  const { t } = useTranslation();
  const [snake, setSnake] = useState<Point[]>([
    { x: 8, y: 8 },
    { x: 7, y: 8 },
  ]);
  const [food, setFood] = useState<Point>({ x: 12, y: 8 });
  const [alive, setAlive] = useState(true);
  const dir = useRef<Point>({ x: 1, y: 0 });
  const queued = useRef<Point>({ x: 1, y: 0 });

  useEffect(() => {
    if (!alive) return;
    const timer = setInterval(() => {
      dir.current = queued.current;
      setSnake((cur) => {
        const head = { x: (cur[0].x + dir.current.x + N) % N, y: (cur[0].y + dir.current.y + N) % N };
        if (cur.some((p) => p.x === head.x && p.y === head.y)) {
          setAlive(false);
          return cur;
        }
        const ate = head.x === food.x && head.y === food.y;
        const next = [head, ...cur];
        if (ate) setFood(randomFood(next));
        else next.pop();
        return next;
      });
    }, 130);
    return () => clearInterval(timer);
  }, [alive, food]);

  const turn = (key: string) => {
    const d = DIRS[key];
    if (!d) return false;
    if (d.x !== -dir.current.x || d.y !== -dir.current.y) queued.current = d;
    return true;
  };

  const restart = () => {
    setSnake([
      { x: 8, y: 8 },
      { x: 7, y: 8 },
    ]);
    dir.current = queued.current = { x: 1, y: 0 };
    setAlive(true);
  };

  const cells = new Set(snake.map((p) => p.y * N + p.x));
  return (
    <GameFrame
      onKey={(key) => (key === ' ' && !alive ? (restart(), true) : turn(key))}
      onSwipe={(d) => turn(SWIPES[d])}
      status={
        alive
          ? t('arcade.score', { score: snake.length - 2 })
          : t('arcade.gameOverRestart', { score: snake.length - 2 })
      }
    >
      <div
        className="grid w-full gap-px rounded-lg bg-zinc-900 p-1"
        style={{ gridTemplateColumns: `repeat(${N}, minmax(0, 1fr))` }}
      >
        {Array.from({ length: N * N }, (_, i) => (
          <div
            key={i}
            className={`aspect-square rounded-[2px] ${cells.has(i) ? 'bg-emerald-400' : i === food.y * N + food.x ? 'bg-red-500' : 'bg-zinc-800'}`}
          />
        ))}
      </div>
    </GameFrame>
  );
}
