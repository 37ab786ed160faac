import { useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useSettings } from '@/stores/settings';
import { useUi } from '@/stores/ui';

const STEPS = [
  { id: 'welcome', target: null },
  { id: 'mode', target: 'mode' },
  { id: 'prompt', target: 'prompt' },
  { id: 'sidebar', target: 'sidebar' },
  { id: 'toolbar', target: 'toolbar' },
] as const;

/** First-visit walkthrough; reopened from the help centre. Highlights each area in turn. */
export function Tour() {
  const { t } = useTranslation();
  const tourSeen = useSettings((s) => s.tourSeen);
  const set = useSettings((s) => s.set);
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.close);
  const [index, setIndex] = useState(0);
  const [measured, setMeasured] = useState<{ target: string; rect: DOMRect } | null>(null);
  const [lastDialog, setLastDialog] = useState(dialog);
  const active = dialog === 'tour' || (!tourSeen && dialog === null);
  const step = STEPS[index];

  /** Reopened from the help centre: start from the first step. */
  if (dialog !== lastDialog) {
    setLastDialog(dialog);
    if (dialog === 'tour') setIndex(0);
  }

  /** Follows the highlighted area: the observer reports it once at the start and again whenever it resizes. */
  useLayoutEffect(() => {
    if (!active || !step.target || typeof ResizeObserver === 'undefined') return;
    const el = [...document.querySelectorAll<HTMLElement>(`[data-tour="${step.target}"]`)].find(
      (e) => e.offsetParent !== null,
    );
    if (!el) return;
    const target = step.target;
    const observer = new ResizeObserver(() => setMeasured({ target, rect: el.getBoundingClientRect() }));
    observer.observe(el);
    return () => observer.disconnect();
  }, [active, step]);
  const rect = active && measured && measured.target === step.target ? measured.rect : null;

  if (!active) return null;
  const finish = () => {
    set({ tourSeen: true });
    close('tour');
    setIndex(0);
  };
  const last = index === STEPS.length - 1;
  return (
    <div className="fixed inset-0 z-40" data-testid="tour">
      <div className="absolute inset-0 bg-black/40" onClick={finish} />
      {rect ? (
        <div
          className="pointer-events-none absolute rounded-xl ring-4 ring-amber-400 transition-all"
          style={{ left: rect.left - 4, top: rect.top - 4, width: rect.width + 8, height: rect.height + 8 }}
        />
      ) : null}
      <div className="absolute inset-x-3 bottom-6 mx-auto max-w-md rounded-2xl bg-white p-5 shadow-2xl sm:bottom-auto sm:top-24 dark:bg-zinc-900">
        <p className="text-xs text-zinc-500">
          {index + 1} / {STEPS.length}
        </p>
        <h2 className="mt-1 font-semibold">{t(`tour.${step.id}.title`)}</h2>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">{t(`tour.${step.id}.body`)}</p>
        <div className="mt-4 flex justify-between">
          <Button variant="ghost" size="sm" onClick={finish} data-testid="tour-skip">
            {t('tour.skip')}
          </Button>
          <div className="flex gap-2">
            {index > 0 ? (
              <Button size="sm" onClick={() => setIndex(index - 1)}>
                {t('tour.back')}
              </Button>
            ) : null}
            <Button size="sm" variant="primary" onClick={() => (last ? finish() : setIndex(index + 1))}>
              {last ? t('tour.done') : t('tour.next')}
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
