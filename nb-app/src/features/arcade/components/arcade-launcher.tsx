import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '@/components/icons';
import { useGeneration } from '@/stores/generation';
import { useSettings } from '@/stores/settings';
import { useUi } from '@/stores/ui';

/** A small "play while you wait" button that appears while any generation runs. */
export function ArcadeLauncher() {
  const { t } = useTranslation();
  const running = useGeneration((s) => Object.keys(s.inflight).length > 0);
  const auto = useSettings((s) => s.arcadeAuto);
  const open = useUi((s) => s.open);
  const dialog = useUi((s) => s.dialog);
  const wasRunning = useRef(false);

  useEffect(() => {
    if (running && !wasRunning.current && auto && dialog === null) open('arcade');
    wasRunning.current = running;
  }, [running, auto, dialog, open]);

  if (!running || dialog === 'arcade') return null;
  return (
    <button
      type="button"
      data-testid="arcade-launcher"
      onClick={() => open('arcade')}
      className="fixed right-4 bottom-28 z-30 inline-flex items-center gap-2 rounded-full bg-zinc-900 px-4 py-2 text-sm font-medium text-white shadow-lg hover:bg-zinc-800 sm:bottom-32 dark:bg-amber-400 dark:text-zinc-950"
    >
      <Icon name="game" className="h-4 w-4" /> {t('arcade.launch')}
    </button>
  );
}
