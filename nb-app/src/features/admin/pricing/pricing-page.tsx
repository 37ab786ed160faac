import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Toggle } from '@/components/ui/field';
import { useModelPrices, useUpdateModel, type ModelPrice } from '../api/pricing';
import { inputClass, PageHeader } from '../components/page-header';

function PriceRow({ model }: { model: ModelPrice }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(model);
  const update = useUpdateModel();
  const dirty = draft.credits !== model.credits || draft.enabled !== model.enabled || draft.name !== model.name;
  const save = () =>
    update.mutate(
      { id: model.id, change: { credits: draft.credits, enabled: draft.enabled, name: draft.name } },
      { onSuccess: () => toast.success(t('admin.saved')), onError: (e) => toast.error(e.message) },
    );
  return (
    <tr>
      <td className="px-3 py-2 font-mono text-xs">{model.id}</td>
      <td className="px-3 py-2">
        <input
          className={inputClass}
          aria-label={t('admin.pricing.name')}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
      </td>
      <td className="px-3 py-2">
        <input
          className={`${inputClass} w-24`}
          type="number"
          min={0}
          aria-label={t('account.credits')}
          value={draft.credits}
          onChange={(e) => setDraft({ ...draft, credits: Number(e.target.value) })}
        />
      </td>
      <td className="px-3 py-2">
        <Toggle
          label={draft.enabled ? t('admin.enabled') : t('admin.disabled')}
          checked={draft.enabled}
          onChange={(enabled) => setDraft({ ...draft, enabled })}
        />
      </td>
      <td className="px-3 py-2">
        <Button size="sm" variant="primary" disabled={!dirty} onClick={save}>
          {t('common.save')}
        </Button>
      </td>
    </tr>
  );
}

export default function PricingPage() {
  const { t } = useTranslation();
  const models = useModelPrices();
  useEffect(() => {
    if (models.error) toast.error(models.error.message);
  }, [models.error]);
  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.pricing')} />
      <div className="overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm">
          <thead className="bg-zinc-50 text-xs text-zinc-500 uppercase dark:bg-zinc-900">
            <tr>
              <th className="px-3 py-2">{t('options.model')}</th>
              <th className="px-3 py-2">{t('admin.pricing.name')}</th>
              <th className="px-3 py-2">{t('admin.pricing.price')}</th>
              <th className="px-3 py-2">{t('admin.users.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {(models.data ?? []).map((m) => (
              <PriceRow key={`${m.id}-${m.credits}-${m.enabled}-${m.name}`} model={m} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
