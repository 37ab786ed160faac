import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GameFrame } from '../components/game-frame';

const W = 320;
const H = 120;
const GROUND = 100;

interface World {
  y: number;
  vy: number;
  obstacles: { x: number; w: number; h: number }[];
  speed: number;
  score: number;
  over: boolean;
}

const fresh = (): World => ({ y: 0, vy: 0, obstacles: [{ x: W, w: 12, h: 24 }], speed: 3, score: 0, over: false });

export default function Dino() {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const world = useRef<World>(fresh());
  const [score, setScore] = useState(0);
  const [over, setOver] = useState(false);

  useEffect(() => {
    let frame = 0;
    const tick = () => {
      const w = world.current;
      if (!w.over) {
        w.vy -= 0.6;
        w.y = Math.max(0, w.y + w.vy);
        if (w.y === 0) w.vy = 0;
        for (const o of w.obstacles) o.x -= w.speed;
        w.obstacles = w.obstacles.filter((o) => o.x + o.w > 0);
        const last = w.obstacles[w.obstacles.length - 1];
        if (!last || last.x < W - 120 - Math.random() * 160)
          w.obstacles.push({ x: W, w: 10 + Math.random() * 14, h: 18 + Math.random() * 22 });
        w.score += 1;
        w.speed = 3 + w.score / 600;
        if (w.obstacles.some((o) => o.x < 40 && o.x + o.w > 24 && w.y < o.h)) {
          w.over = true;
          setOver(true);
        }
        if (w.score % 10 === 0) setScore(Math.floor(w.score / 10));
      }
      const ctx = canvas.current?.getContext('2d');
      if (ctx) {
        ctx.clearRect(0, 0, W, H);
        ctx.fillStyle = '#a1a1aa';
        ctx.fillRect(0, GROUND, W, 2);
        ctx.fillStyle = '#f59e0b';
        ctx.fillRect(24, GROUND - 20 - w.y, 16, 20);
        ctx.fillStyle = '#10b981';
        for (const o of w.obstacles) ctx.fillRect(o.x, GROUND - o.h, o.w, o.h);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, []);

  const jump = () => {
    const w = world.current;
    if (w.over) {
      world.current = fresh();
      setOver(false);
    } else if (w.y === 0) {
      w.vy = 9;
    }
  };

  return (
    <GameFrame
      onKey={(key) => {
        if (key !== ' ' && key !== 'ArrowUp' && key !== 'w') return false;
        jump();
        return true;
      }}
      onSwipe={(d) => d === 'up' && jump()}
      status={over ? t('arcade.gameOverRestart', { score }) : t('arcade.score', { score })}
    >
      <canvas
        ref={canvas}
        width={W}
        height={H}
        onPointerDown={jump}
        className="w-full rounded-lg bg-zinc-50 dark:bg-zinc-900"
      />
    </GameFrame>
  );
}
