import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '@/components/ui/dialog';
import { Lightbox } from '@/components/lightbox';
import { StoredImage } from '@/components/stored-image';
import { downloadAllAsZip } from '@/lib/download';
import { Button } from '@/components/ui/button';
import { currentOwner } from '@/stores/auth';
import { useGeneration } from '@/stores/generation';
import { useUi } from '@/stores/ui';
import { loadHistoryPage, type HistoryItem } from '../api/history';

/** Every generated image, newest first, loaded page by page as the list scrolls. */
export default function HistoryPanel() {
  const { t } = useTranslation();
  const open = useUi((s) => s.dialog === 'history');
  const close = useUi((s) => s.close);
  const pushInputs = useUi((s) => s.pushInputs);
  const running = useGeneration((s) => Object.keys(s.inflight).length);
  const [items, setItems] = useState<HistoryItem[]>([]);
  const [done, setDone] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const loading = useRef(false);
  /** Creation time of the oldest image loaded so far: the next page starts strictly before it. */
  const oldest = useRef(Infinity);

  const loadMore = useCallback(async (reset: boolean) => {
    if (loading.current) return;
    loading.current = true;
    try {
      const page = await loadHistoryPage(currentOwner(), reset ? Infinity : oldest.current);
      if (reset) oldest.current = Infinity;
      oldest.current = page.at(-1)?.createdAt ?? oldest.current;
      setItems((cur) => (reset ? page : [...cur, ...page]));
      setDone(page.length === 0);
    } finally {
      loading.current = false;
    }
  }, []);

  /** Opening the panel, and every finished generation, reloads it from the newest image. */
  useEffect(() => {
    if (open) void loadMore(true);
  }, [open, running, loadMore]);

  /** Observed anew after every page, so a sentinel still in view after a short page loads the next one. */
  const loaded = items.length;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || done || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore(false));
    io.observe(el);
    return () => io.disconnect();
  }, [loadMore, done, loaded]);

  return (
    <Dialog open={open} onClose={() => close('history')} title={t('history.title')} wide testId="history-panel">
      {items.length === 0 ? <p className="py-8 text-center text-sm text-zinc-500">{t('history.empty')}</p> : null}
      {items.length > 1 ? (
        <Button size="sm" className="mb-3" onClick={() => void downloadAllAsZip(items.map((i) => i.ref))}>
          {t('results.downloadAll')}
        </Button>
      ) : null}
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {items.map((item, i) => (
          <li
            key={item.ref.id}
            className="group relative aspect-square overflow-hidden rounded-lg bg-zinc-100 dark:bg-zinc-800"
            data-testid="history-item"
          >
            <button type="button" className="h-full w-full" onClick={() => setViewing(i)} title={item.prompt}>
              <StoredImage imageRef={item.ref} thumb className="h-full w-full object-cover" />
            </button>
            <button
              type="button"
              onClick={() => {
                pushInputs([item.ref]);
                close('history');
              }}
              className="absolute right-1 bottom-1 rounded bg-black/60 px-2 py-0.5 text-xs text-white sm:opacity-0 sm:group-hover:opacity-100"
            >
              {t('results.editAgain')}
            </button>
          </li>
        ))}
      </ul>
      {!done ? <div ref={sentinel} className="h-8" /> : null}
      {viewing !== null ? (
        <Lightbox
          images={items.map((i) => i.ref)}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
        />
      ) : null}
    </Dialog>
  );
}
