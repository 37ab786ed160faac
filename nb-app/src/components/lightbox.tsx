import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRef } from '@/lib/gemini/types';
import { StoredImage } from '@/components/stored-image';
import { downloadImage } from '@/lib/download';

interface LightboxProps {
  images: ImageRef[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

/** Full-screen viewer: arrow keys and swipe move, Escape closes, thumbnails jump. */
export function Lightbox({ images, index, onIndex, onClose }: LightboxProps) {
  const { t } = useTranslation();
  const startX = useRef<number | null>(null);
  const count = images.length;
  const go = (delta: number) => onIndex((index + delta + count) % count);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowRight') onIndex((index + 1) % count);
      else if (e.key === 'ArrowLeft') onIndex((index - 1 + count) % count);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, count, onClose, onIndex]);

  const current = images[index];
  if (!current) return null;
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={t('lightbox.title')}
      data-testid="lightbox"
      className="fixed inset-0 z-50 flex flex-col bg-black/95 text-white"
      onPointerDown={(e) => (startX.current = e.clientX)}
      onPointerUp={(e) => {
        if (startX.current === null) return;
        const dx = e.clientX - startX.current;
        startX.current = null;
        if (Math.abs(dx) > 50) go(dx < 0 ? 1 : -1);
      }}
    >
      <div className="flex items-center justify-between p-3 text-sm">
        <span>
          {index + 1} / {count}
        </span>
        <div className="flex gap-2">
          <button
            type="button"
            className="rounded-md px-3 py-1 hover:bg-white/10"
            onClick={() => void downloadImage(current)}
          >
            {t('results.download')}
          </button>
          <button
            type="button"
            aria-label={t('common.close')}
            className="rounded-md px-3 py-1 hover:bg-white/10"
            onClick={onClose}
          >
            ✕
          </button>
        </div>
      </div>
      <div className="relative flex min-h-0 flex-1 items-center justify-center px-2">
        {count > 1 ? (
          <button
            type="button"
            aria-label={t('lightbox.previous')}
            onClick={() => go(-1)}
            className="absolute left-2 z-10 rounded-full bg-white/10 px-3 py-2 hover:bg-white/20"
          >
            ‹
          </button>
        ) : null}
        <div className="absolute inset-0 flex items-center justify-center p-2">
          <StoredImage
            imageRef={current}
            className="max-h-full max-w-full object-contain select-none"
            draggable={false}
            data-testid="lightbox-image"
          />
        </div>
        {count > 1 ? (
          <button
            type="button"
            aria-label={t('lightbox.next')}
            onClick={() => go(1)}
            className="absolute right-2 z-10 rounded-full bg-white/10 px-3 py-2 hover:bg-white/20"
          >
            ›
          </button>
        ) : null}
      </div>
      {count > 1 ? (
        <div className="flex justify-center gap-2 overflow-x-auto p-3">
          {images.map((img, i) => (
            <button
              type="button"
              key={img.id}
              onClick={() => onIndex(i)}
              className={`h-14 w-14 shrink-0 overflow-hidden rounded-md border-2 ${i === index ? 'border-amber-400' : 'border-transparent opacity-60'}`}
            >
              <StoredImage imageRef={img} thumb className="h-full w-full object-cover" />
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
