import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { StoredImage } from '@/components/stored-image';
import { Icon } from '@/components/icons';
import { blobToBase64, saveImage } from '@/lib/images';
import { DATASET_MIN_IMAGES, downloadDataset } from '@/lib/download';
import type { ImageRef } from '@/lib/gemini/types';
import { currentOwner, useAuth } from '@/stores/auth';
import { useConversations } from '@/stores/conversations';
import { useGeneration } from '@/stores/generation';
import { currentOptions } from '@/stores/generation-options';
import { useSettings } from '@/stores/settings';
import { useUi } from '@/stores/ui';
import { runPipeline, type PipelineMode, type StepState } from '../lib/run-pipeline';
import { StepList } from './step-list';

export default function PipelinePanel() {
  const { t } = useTranslation();
  const open = useUi((s) => s.dialog === 'pipelines');
  const close = useUi((s) => s.close);
  const concurrency = useSettings((s) => s.concurrency);
  const setSettings = useSettings((s) => s.set);
  const [mode, setMode] = useState<PipelineMode>('serial');
  const [prompts, setPrompts] = useState<string[]>(['', '']);
  const [inputs, setInputs] = useState<ImageRef[]>([]);
  const [steps, setSteps] = useState<StepState[]>([]);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const userId = useAuth((s) => s.user?.id);
  const [owner, setOwner] = useState(userId);

  /** Another account (or none): its images and results are not this one's. */
  if (owner !== userId) {
    setOwner(userId);
    setInputs([]);
    setSteps([]);
  }

  /** A run stops when the account changes or the panel goes away. */
  useEffect(() => () => controller.current?.abort(), [userId]);

  const addFiles = async (files: FileList) => {
    for (const file of Array.from(files)) {
      const ref = await saveImage(
        { mimeType: file.type || 'image/png', data: await blobToBase64(file) },
        { owner: currentOwner(), generated: false },
      );
      setInputs((cur) => [...cur, ref].slice(0, 14));
    }
  };

  const start = async () => {
    const list = prompts.map((p) => p.trim()).filter(Boolean);
    if (list.length === 0) return;
    const conv = useConversations.getState();
    const conversationId = conv.activeId ?? (await conv.create(useSettings.getState().model, t('pipelines.title'))).id;
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    try {
      const done = await runPipeline({
        mode,
        prompts: list,
        inputs,
        concurrency,
        signal: abort.signal,
        onProgress: setSteps,
        runStep: async (step) => {
          const [outcome] = await useGeneration.getState().send({
            conversationId,
            prompt: step.prompt,
            inputs: step.inputs,
            signal: abort.signal,
            options: { ...currentOptions(), sendContext: false },
            label: `${t(`pipelines.modes.${mode}`)} ${step.label}`,
          });
          return { ok: outcome.ok, images: outcome.images, error: outcome.error?.kind };
        },
      });
      const failed = done.filter((s) => s.status === 'failed').length;
      if (failed) toast.error(t('pipelines.failedSteps', { count: failed }));
      else toast.success(t('pipelines.finished'));
    } finally {
      setRunning(false);
      controller.current = null;
    }
  };

  const produced = steps.flatMap((s) => s.images.map((ref) => ({ ref, caption: s.prompt })));

  return (
    <Dialog open={open} onClose={() => close('pipelines')} title={t('pipelines.title')} wide testId="pipeline-panel">
      <div className="space-y-4">
        <div className="grid grid-cols-3 gap-1 rounded-lg bg-zinc-100 p-1 text-sm dark:bg-zinc-800">
          {(['serial', 'parallel', 'combination'] as const).map((m) => (
            <button
              key={m}
              type="button"
              data-testid={`mode-${m}`}
              onClick={() => setMode(m)}
              className={`rounded-md py-1.5 ${mode === m ? 'bg-white shadow-sm dark:bg-zinc-950' : 'text-zinc-500'}`}
            >
              {t(`pipelines.modes.${m}`)}
            </button>
          ))}
        </div>
        <p className="text-xs text-zinc-500">{t(`pipelines.help.${mode}`)}</p>
        <div className="space-y-2">
          {prompts.map((p, i) => (
            <div key={i} className="flex gap-2">
              <span className="w-6 pt-2 text-right text-xs text-zinc-500">{i + 1}</span>
              <textarea
                rows={1}
                value={p}
                data-testid={`pipeline-prompt-${i}`}
                aria-label={t('pipelines.step', { n: i + 1 })}
                placeholder={t('pipelines.stepPlaceholder')}
                onChange={(e) => setPrompts(prompts.map((x, j) => (j === i ? e.target.value : x)))}
                className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
              />
              <Button
                size="icon"
                variant="ghost"
                aria-label={t('common.delete')}
                disabled={prompts.length <= 1}
                onClick={() => setPrompts(prompts.filter((_, j) => j !== i))}
              >
                ✕
              </Button>
            </div>
          ))}
          <Button size="sm" variant="ghost" onClick={() => setPrompts([...prompts, ''])}>
            ＋ {t('pipelines.addStep')}
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            multiple
            hidden
            onChange={(e) => {
              if (e.target.files) void addFiles(e.target.files);
              e.target.value = '';
            }}
          />
          <Button size="sm" onClick={() => fileInput.current?.click()}>
            <Icon name="image" className="h-4 w-4" /> {t('pipelines.inputs')}
          </Button>
          {inputs.map((ref) => (
            <button
              key={ref.id}
              type="button"
              title={t('common.delete')}
              onClick={() => setInputs(inputs.filter((r) => r.id !== ref.id))}
            >
              <StoredImage imageRef={ref} thumb className="h-10 w-10 rounded-md object-cover" />
            </button>
          ))}
          {mode !== 'serial' ? (
            <label className="ml-auto flex items-center gap-2 text-xs">
              {t('pipelines.concurrency')}
              <input
                type="number"
                min={1}
                max={8}
                value={concurrency}
                onChange={(e) => setSettings({ concurrency: Math.max(1, Math.min(8, Number(e.target.value) || 1)) })}
                className="w-14 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
              />
            </label>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" disabled={running} data-testid="run-pipeline" onClick={() => void start()}>
            {t('pipelines.run')}
          </Button>
          {running ? (
            <Button variant="danger" onClick={() => controller.current?.abort()}>
              {t('generate.stop')}
            </Button>
          ) : null}
          {produced.length >= DATASET_MIN_IMAGES && !running ? (
            <Button onClick={() => void downloadDataset(produced)}>
              {t('pipelines.dataset', { count: produced.length })}
            </Button>
          ) : null}
        </div>
        <StepList steps={steps} />
      </div>
    </Dialog>
  );
}
