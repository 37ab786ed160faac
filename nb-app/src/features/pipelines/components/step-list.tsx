import { useTranslation } from 'react-i18next';
import { StoredImage } from '@/components/stored-image';
import type { StepState } from '../lib/run-pipeline';

const STATUS_STYLE: Record<StepState['status'], string> = {
  pending: 'bg-zinc-200 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400',
  running: 'bg-amber-200 text-amber-900 animate-pulse dark:bg-amber-500/30 dark:text-amber-200',
  done: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-500/20 dark:text-emerald-300',
  failed: 'bg-red-100 text-red-800 dark:bg-red-500/20 dark:text-red-300',
  skipped: 'bg-zinc-100 text-zinc-400 dark:bg-zinc-900',
};

export function StepList({ steps }: { steps: StepState[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) return null;
  const done = steps.filter((s) => s.status === 'done').length;
  return (
    <div className="space-y-2" data-testid="pipeline-steps">
      <div className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full bg-amber-400 transition-all" style={{ width: `${(done / steps.length) * 100}%` }} />
      </div>
      <ol className="space-y-2">
        {steps.map((s) => (
          <li
            key={s.index}
            className="flex items-center gap-3 rounded-lg border border-zinc-200 p-2 text-sm dark:border-zinc-800"
            data-testid="pipeline-step"
            data-status={s.status}
          >
            <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_STYLE[s.status]}`}>
              {t(`pipelines.status.${s.status}`)}
            </span>
            <span className="w-14 shrink-0 text-xs text-zinc-500">{s.label}</span>
            <span className="min-w-0 flex-1 truncate">{s.prompt}</span>
            {s.images.slice(0, 3).map((ref) => (
              <StoredImage key={ref.id} imageRef={ref} thumb className="h-10 w-10 rounded object-cover" />
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
