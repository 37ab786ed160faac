import { useTranslation } from 'react-i18next';
import type { Part } from '@/lib/gemini/types';
import { StoredImage } from '@/components/stored-image';
import { LazyMarkdown } from '@/components/lazy-markdown';

interface ThinkingBlockProps {
  parts: Part[];
  durationMs?: number;
  live?: boolean;
}

/** The model's thought summaries and interim draft images, folded by default once finished. */
export function ThinkingBlock({ parts, durationMs, live }: ThinkingBlockProps) {
  const { t } = useTranslation();
  const thoughts = parts.filter((p) => p.thought);
  if (thoughts.length === 0) return null;
  const seconds = durationMs !== undefined ? (durationMs / 1000).toFixed(1) : undefined;
  return (
    <details
      open={live}
      className="rounded-lg border border-zinc-200 bg-zinc-50 text-sm dark:border-zinc-800 dark:bg-zinc-900/60"
      data-testid="thinking"
    >
      <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-zinc-500 select-none">
        {live ? t('generate.thinking') : seconds ? t('generate.thoughtFor', { seconds }) : t('generate.thoughts')}
      </summary>
      <div className="space-y-2 px-3 pb-3 text-zinc-600 dark:text-zinc-400">
        {thoughts.map((p, i) =>
          p.imageRef ? (
            <StoredImage
              key={i}
              imageRef={p.imageRef}
              className="max-h-40 rounded-md opacity-80"
              alt={t('generate.draft')}
            />
          ) : p.inlineData ? (
            <img
              key={i}
              src={`data:${p.inlineData.mimeType};base64,${p.inlineData.data}`}
              alt={t('generate.draft')}
              className="max-h-40 rounded-md opacity-80"
            />
          ) : p.text ? (
            <LazyMarkdown key={i} text={p.text} />
          ) : null,
        )}
      </div>
    </details>
  );
}
