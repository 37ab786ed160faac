import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/field';
import { useGeneration } from '@/stores/generation';
import { useUi } from '@/stores/ui';

const GAMES = {
  snake: lazy(() => import('../games/snake')),
  dino: lazy(() => import('../games/dino')),
  g2048: lazy(() => import('../games/game-2048')),
  life: lazy(() => import('../games/life')),
};
type GameId = keyof typeof GAMES;

export default function ArcadeDialog() {
  const { t } = useTranslation();
  const open = useUi((s) => s.dialog === 'arcade');
  const close = useUi((s) => s.close);
  const running = useGeneration((s) => Object.keys(s.inflight).length);
  const [game, setGame] = useState<GameId | null>(null);
  const Game = game ? GAMES[game] : null;

  return (
    <Dialog open={open} onClose={() => close('arcade')} title={t('arcade.title')} testId="arcade">
      <div className="space-y-4">
        <p className="text-xs text-zinc-500" aria-live="polite">
          {running ? t('arcade.waiting', { count: running }) : t('arcade.ready')}
        </p>
        <div className="grid grid-cols-4 gap-2">
          {(Object.keys(GAMES) as GameId[]).map((id) => (
            <button
              key={id}
              type="button"
              data-testid={`game-${id}`}
              onClick={() => setGame(id)}
              className={`rounded-lg px-2 py-2 text-xs font-medium ${game === id ? 'bg-amber-400 text-zinc-950' : 'bg-zinc-100 hover:bg-zinc-200 dark:bg-zinc-800 dark:hover:bg-zinc-700'}`}
            >
              {t(`arcade.games.${id}`)}
            </button>
          ))}
        </div>
        {Game ? (
          <Suspense
            fallback={
              <div className="flex justify-center py-10">
                <Spinner />
              </div>
            }
          >
            <Game key={game} />
          </Suspense>
        ) : (
          <p className="py-8 text-center text-sm text-zinc-500">{t('arcade.pick')}</p>
        )}
      </div>
    </Dialog>
  );
}
