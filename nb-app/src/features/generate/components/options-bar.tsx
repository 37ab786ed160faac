import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '@/config/models';
import { SelectField, Toggle } from '@/components/ui/field';
import { useSettings } from '@/stores/settings';
import { useAuth } from '@/stores/auth';

/** Model, size and ratio limited to what the chosen model supports, plus the request toggles. */
export function OptionsBar({ models }: { models: ModelInfo[] }) {
  const { t } = useTranslation();
  const s = useSettings();
  const loggedIn = useAuth((st) => Boolean(st.accessToken));
  const model = models.find((m) => m.id === s.model) ?? models[0];

  useEffect(() => {
    if (!model) return;
    const patch: Partial<typeof s> = {};
    if (model.id !== s.model) patch.model = model.id;
    if (s.imageSize !== 'auto' && !model.image_sizes.includes(s.imageSize))
      patch.imageSize = model.image_sizes.includes('1K') ? '1K' : 'auto';
    if (s.aspectRatio !== 'auto' && !model.aspect_ratios.includes(s.aspectRatio)) patch.aspectRatio = 'auto';
    if (Object.keys(patch).length) s.set(patch);
  }, [model, s]);

  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <div className={loggedIn ? 'w-56' : 'w-44'}>
        <SelectField
          label={t('options.model')}
          value={model?.id}
          data-testid="model-select"
          onChange={(e) => s.set({ model: e.target.value })}
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {loggedIn ? ` · ${t('options.credits', { count: m.credits })}` : ''}
            </option>
          ))}
        </SelectField>
      </div>
      {model && model.image_sizes.length > 0 ? (
        <div className="w-20">
          <SelectField
            label={t('options.size')}
            value={s.imageSize}
            onChange={(e) => s.set({ imageSize: e.target.value })}
          >
            {model.image_sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      <div className="w-24">
        <SelectField
          label={t('options.ratio')}
          value={s.aspectRatio}
          onChange={(e) => s.set({ aspectRatio: e.target.value })}
        >
          <option value="auto">{t('options.auto')}</option>
          {model?.aspect_ratios.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="w-16">
        <SelectField
          label={t('options.batch')}
          value={s.batchCount}
          data-testid="batch-select"
          onChange={(e) => s.set({ batchCount: Number(e.target.value) })}
        >
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              ×{n}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-2 pb-1.5">
        <Toggle
          label={t('options.stream')}
          checked={s.stream}
          onChange={(stream) => s.set({ stream })}
          testId="toggle-stream"
        />
        <Toggle
          label={t('options.context')}
          checked={s.sendContext}
          onChange={(sendContext) => s.set({ sendContext })}
        />
        <Toggle label={t('options.grounding')} checked={s.grounding} onChange={(grounding) => s.set({ grounding })} />
      </div>
    </div>
  );
}
