import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { finalImages, replyText } from '@/lib/gemini/parts';
import { Spinner } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { useGeneration, type InFlight } from '@/stores/generation';
import { ThinkingBlock } from './thinking-block';

/** A generation still running: live thoughts, elapsed time and a Stop that really aborts the request. */
export function InflightView({ run }: { run: InFlight }) {
  const { t } = useTranslation();
  const stop = useGeneration((s) => s.stop);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const images = finalImages(run.parts);
  const text = replyText(run.parts);
  return (
    <div className="space-y-2" data-testid="inflight">
      <div className="flex items-center gap-3 text-sm text-zinc-500">
        <Spinner className="text-amber-500" />
        <span>
          {run.label ? `${run.label} · ` : ''}
          {t('generate.generating', { seconds: ((now - run.startedAt) / 1000).toFixed(0) })}
        </span>
        <Button size="sm" variant="secondary" data-testid="stop" onClick={() => stop(run.id)}>
          {t('generate.stop')}
        </Button>
      </div>
      <ThinkingBlock parts={run.parts} live />
      {images.map((p, i) =>
        p.inlineData ? (
          <img
            key={i}
            alt=""
            src={`data:${p.inlineData.mimeType};base64,${p.inlineData.data}`}
            className="max-h-[60vh] rounded-xl"
          />
        ) : null,
      )}
      {text ? <p className="text-sm whitespace-pre-wrap">{text}</p> : null}
    </div>
  );
}
