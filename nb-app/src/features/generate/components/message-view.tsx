import { useTranslation } from 'react-i18next';
import type { MessageRecord } from '@/lib/db';
import { finalImages, replyText } from '@/lib/gemini/parts';
import type { ImageRef } from '@/lib/gemini/types';
import { StoredImage } from '@/components/stored-image';
import { LazyMarkdown } from '@/components/lazy-markdown';
import { downloadAllAsZip } from '@/lib/download';
import { ErrorNotice } from './error-notice';
import { ResultGrid } from './result-grid';
import { ThinkingBlock } from './thinking-block';

interface MessageViewProps {
  message: MessageRecord;
  onRegenerate?: () => void;
  onDelete: () => void;
}

const refsOf = (message: MessageRecord): ImageRef[] =>
  finalImages(message.parts).flatMap((p) => (p.imageRef ? [p.imageRef] : []));

function UserMessage({ message }: { message: MessageRecord }) {
  const text = message.parts
    .filter((p) => p.text)
    .map((p) => p.text)
    .join('\n');
  const images = message.parts.flatMap((p) => (p.imageRef ? [p.imageRef] : []));
  return (
    <div className="flex justify-end" data-testid="user-message">
      <div className="max-w-[85%] space-y-2 rounded-2xl rounded-br-sm bg-amber-100 px-4 py-2 text-sm dark:bg-amber-500/15">
        {message.meta?.pipeline ? (
          <span className="text-xs text-amber-700 dark:text-amber-300">{message.meta.pipeline}</span>
        ) : null}
        {text ? <p className="whitespace-pre-wrap break-words">{text}</p> : null}
        {images.length ? (
          <div className="flex flex-wrap gap-1">
            {images.map((ref) => (
              <StoredImage key={ref.id} imageRef={ref} thumb className="h-16 w-16 rounded-md object-cover" />
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function MessageView({ message, onRegenerate, onDelete }: MessageViewProps) {
  const { t } = useTranslation();
  if (message.role === 'user') return <UserMessage message={message} />;
  const images = refsOf(message);
  const text = replyText(message.parts);
  const seconds = message.meta?.durationMs ? (message.meta.durationMs / 1000).toFixed(1) : undefined;
  return (
    <div className="space-y-2" data-testid="model-message" data-status={message.status}>
      <ThinkingBlock parts={message.parts} durationMs={message.meta?.thinkingMs} />
      {message.status === 'error' && message.error ? (
        <ErrorNotice kind={message.error.kind} message={message.error.message} />
      ) : null}
      <ResultGrid images={images} />
      {text && message.status === 'done' ? <LazyMarkdown text={text} /> : null}
      <div className="flex flex-wrap items-center gap-1 text-xs text-zinc-500">
        {message.meta?.model ? (
          <span className="mr-2">
            {message.meta.model}
            {seconds ? ` · ${seconds}s` : ''}
          </span>
        ) : null}
        {onRegenerate ? (
          <button
            type="button"
            className="rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            onClick={onRegenerate}
          >
            {t('results.regenerate')}
          </button>
        ) : null}
        {images.length > 1 ? (
          <button
            type="button"
            className="rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            onClick={() => void downloadAllAsZip(images)}
          >
            {t('results.downloadAll')}
          </button>
        ) : null}
        <button
          type="button"
          className="rounded px-2 py-1 hover:bg-zinc-100 hover:text-red-600 dark:hover:bg-zinc-800"
          onClick={onDelete}
        >
          {t('results.delete')}
        </button>
      </div>
    </div>
  );
}
