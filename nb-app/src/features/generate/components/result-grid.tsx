import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRef } from '@/lib/gemini/types';
import { StoredImage } from '@/components/stored-image';
import { downloadImage } from '@/lib/download';
import { useUi } from '@/stores/ui';
import { Lightbox } from '@/components/lightbox';

export function ResultGrid({ images }: { images: ImageRef[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const pushInputs = useUi((s) => s.pushInputs);
  if (images.length === 0) return null;
  return (
    <>
      <div className={`grid gap-2 ${images.length > 1 ? 'grid-cols-2' : 'grid-cols-1'}`}>
        {images.map((ref, i) => (
          <figure
            key={ref.id}
            className="group relative overflow-hidden rounded-xl border border-zinc-200 bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <button type="button" className="block w-full" onClick={() => setOpen(i)} aria-label={t('results.view')}>
              <StoredImage imageRef={ref} data-testid="result-image" className="max-h-[60vh] w-full object-contain" />
            </button>
            <figcaption className="absolute inset-x-0 bottom-0 flex justify-end gap-1 bg-gradient-to-t from-black/60 to-transparent p-2 opacity-100 transition-opacity sm:opacity-0 sm:group-hover:opacity-100">
              <button
                type="button"
                className="rounded-md bg-black/50 px-2 py-1 text-xs text-white hover:bg-black/70"
                onClick={() => pushInputs([ref])}
              >
                {t('results.editAgain')}
              </button>
              <button
                type="button"
                className="rounded-md bg-black/50 px-2 py-1 text-xs text-white hover:bg-black/70"
                onClick={() => void downloadImage(ref)}
              >
                {t('results.download')}
              </button>
            </figcaption>
          </figure>
        ))}
      </div>
      {open !== null ? <Lightbox images={images} index={open} onIndex={setOpen} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
