import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '@/lib/api-client';
import { Button } from '@/components/ui/button';
import { Toggle } from '@/components/ui/field';
import { inputClass, PageHeader } from '../components/page-header';

interface ModelPrice {
  id: string;
  name: string;
  credits: number;
  enabled: boolean;
}

function PriceRow({ model, onSaved }: { model: ModelPrice; onSaved: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(model);
  const dirty = draft.credits !== model.credits || draft.enabled !== model.enabled || draft.name !== model.name;
  const save = () =>
    api(`/api/admin/models/${encodeURIComponent(model.id)}`, { method: 'PUT', body: { credits: draft.credits, enabled: draft.enabled, name: draft.name } })
      .then(() => {
        toast.success(t('admin.saved'));
        onSaved();
      })
      .catch((e: Error) => toast.error(e.message));
  return (
    <tr>
      <td className="px-3 py-2 font-mono text-xs">{model.id}</td>
      <td className="px-3 py-2"><input className={inputClass} aria-label={t('admin.pricing.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></td>
      <td className="px-3 py-2"><input className={`${inputClass} w-24`} type="number" min={0} aria-label={t('account.credits')} value={draft.credits} onChange={(e) => setDraft({ ...draft, credits: Number(e.target.value) })} /></td>
      <td className="px-3 py-2"><Toggle label={draft.enabled ? t('admin.enabled') : t('admin.disabled')} checked={draft.enabled} onChange={(enabled) => setDraft({ ...draft, enabled })} /></td>
      <td className="px-3 py-2"><Button size="sm" variant="primary" disabled={!dirty} onClick={() => void save()}>{t('common.save')}</Button></td>
    </tr>
  );
}

export default function PricingPage() {
  const { t } = useTranslation();
  const [models, setModels] = useState<ModelPrice[]>([]);
  const load = () => api<ModelPrice[] | { items: ModelPrice[] }>('/api/admin/models').then((r) => setModels(Array.isArray(r) ? r : r.items)).catch((e: Error) => toast.error(e.message));
  useEffect(() => {
    void load();
  }, []);
  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.pricing')} />
      <div className="overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm">
          <thead className="bg-zinc-50 text-xs text-zinc-500 uppercase dark:bg-zinc-900">
            <tr><th className="px-3 py-2">{t('options.model')}</th><th className="px-3 py-2">{t('admin.pricing.name')}</th><th className="px-3 py-2">{t('admin.pricing.price')}</th><th className="px-3 py-2">{t('admin.users.status')}</th><th /></tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {models.map((m) => <PriceRow key={`${m.id}-${m.credits}-${m.enabled}-${m.name}`} model={m} onSaved={() => void load()} />)}
          </tbody>
        </table>
      </div>
    </div>
  );
}
