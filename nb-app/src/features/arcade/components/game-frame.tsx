import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface GameFrameProps {
  onKey: (key: string) => boolean;
  onSwipe?: (dir: 'left' | 'right' | 'up' | 'down') => void;
  children: ReactNode;
  status?: ReactNode;
}

/**
 * Keys reach a game only while its frame has focus: the handler sits on the frame, never on window,
 * so typing a prompt elsewhere is never swallowed.
 */
export function GameFrame({ onKey, onSwipe, children, status }: GameFrameProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(false);
  const touch = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => ref.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (onKey(e.key)) e.preventDefault();
  };

  return (
    <div
      ref={ref}
      tabIndex={0}
      data-testid="game-frame"
      onKeyDown={onKeyDown}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onTouchStart={(e) => (touch.current = { x: e.touches[0].clientX, y: e.touches[0].clientY })}
      onTouchEnd={(e) => {
        const start = touch.current;
        touch.current = null;
        if (!start || !onSwipe) return;
        const dx = e.changedTouches[0].clientX - start.x;
        const dy = e.changedTouches[0].clientY - start.y;
        if (Math.max(Math.abs(dx), Math.abs(dy)) < 24) return;
        onSwipe(Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'down' : 'up');
      }}
      className="relative mx-auto flex w-full max-w-sm touch-none flex-col items-center gap-2 rounded-xl outline-none focus-visible:ring-2 focus-visible:ring-amber-400"
    >
      {children}
      <div className="flex w-full justify-between text-xs text-zinc-500">
        <span>{status}</span>
        <span>{focused ? t('arcade.playing') : t('arcade.clickToPlay')}</span>
      </div>
    </div>
  );
}
