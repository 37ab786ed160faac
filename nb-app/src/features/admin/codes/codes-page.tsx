import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api, apiResponse } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';
import { Button } from '@/components/ui/button';
import { usePaged } from '../api/use-paged';
import { DataTable, fmtDate, type Column } from '../components/data-table';
import { inputClass, PageHeader } from '../components/page-header';

interface RedeemCode {
  id: number;
  batch_id: number;
  display_prefix: string;
  credits: number;
  state: string;
  expires_at: string | null;
  redeemed_by: number | null;
  redeemed_at: string | null;
  created_at: string;
}

interface Batch {
  batch_id: number;
  codes: string[];
}

export default function CodesPage() {
  const { t } = useTranslation();
  const [batchFilter, setBatchFilter] = useState('');
  const [state, setState] = useState('');
  const list = usePaged<RedeemCode>('/api/admin/redeem-codes', { batch_id: batchFilter || undefined, state: state || undefined });
  const [form, setForm] = useState({ count: 10, credits: 100, expires: '', note: '' });
  const [fresh, setFresh] = useState<Batch | null>(null);

  const generate = async () => {
    try {
      const batch = await api<Batch>('/api/admin/redeem-codes', {
        body: { count: form.count, credits: form.credits, note: form.note || undefined, expires_at: form.expires ? new Date(form.expires).toISOString() : undefined },
      });
      setFresh(batch);
      await list.reload();
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    }
  };

  const exportCsv = async (batchId: string) => {
    const res = await apiResponse(`/api/admin/redeem-codes/export${batchId ? `?batch_id=${batchId}` : ''}`);
    saveBlob(await res.blob(), `redeem-codes${batchId ? `-${batchId}` : ''}.csv`);
  };

  const columns: Column<RedeemCode>[] = [
    { key: 'code', header: t('redeem.code'), render: (c) => <span className="font-mono">{c.display_prefix}…</span> },
    { key: 'batch', header: t('admin.codes.batch'), render: (c) => c.batch_id },
    { key: 'credits', header: t('account.credits'), render: (c) => c.credits },
    { key: 'state', header: t('admin.users.status'), render: (c) => c.state },
    { key: 'expires', header: t('admin.codes.expires'), render: (c) => fmtDate(c.expires_at) },
    { key: 'redeemed', header: t('admin.codes.redeemed'), render: (c) => (c.redeemed_at ? `#${c.redeemed_by} · ${fmtDate(c.redeemed_at)}` : '—') },
    {
      key: 'actions', header: '', render: (c) => c.state === 'active' || c.state === 'unused' ? (
        <Button size="sm" variant="ghost" onClick={() => void api(`/api/admin/redeem-codes/${c.id}/disable`, { method: 'POST' }).then(list.reload).catch((e: Error) => toast.error(e.message))}>{t('admin.disable')}</Button>
      ) : null,
    },
  ];

  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.codes')}>
        <input className={`${inputClass} w-28`} placeholder={t('admin.codes.batch')} aria-label={t('admin.codes.batch')} value={batchFilter} onChange={(e) => setBatchFilter(e.target.value)} />
        <select className={inputClass} value={state} onChange={(e) => setState(e.target.value)} aria-label={t('admin.users.status')}>
          <option value="">{t('admin.all')}</option>
          {['active', 'redeemed', 'expired', 'disabled'].map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <Button size="sm" onClick={() => void exportCsv(batchFilter).catch((e: Error) => toast.error(e.message))}>{t('admin.codes.export')}</Button>
      </PageHeader>
      <form className="flex flex-wrap items-end gap-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800" onSubmit={(e) => { e.preventDefault(); void generate(); }}>
        <label className="text-xs">{t('admin.codes.count')}<input className={`${inputClass} block w-24`} type="number" min={1} max={1000} value={form.count} onChange={(e) => setForm({ ...form, count: Number(e.target.value) })} /></label>
        <label className="text-xs">{t('account.credits')}<input className={`${inputClass} block w-28`} type="number" min={1} value={form.credits} onChange={(e) => setForm({ ...form, credits: Number(e.target.value) })} /></label>
        <label className="text-xs">{t('admin.codes.expires')}<input className={`${inputClass} block`} type="datetime-local" value={form.expires} onChange={(e) => setForm({ ...form, expires: e.target.value })} /></label>
        <label className="text-xs">{t('admin.codes.note')}<input className={`${inputClass} block`} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} /></label>
        <Button type="submit" variant="primary">{t('admin.codes.generate')}</Button>
      </form>
      {fresh ? (
        <div className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-500/40 dark:bg-amber-500/10">
          <p className="font-medium">{t('admin.codes.shownOnce', { count: fresh.codes.length, batch: fresh.batch_id })}</p>
          <textarea readOnly className={`${inputClass} w-full font-mono`} rows={Math.min(8, fresh.codes.length)} value={fresh.codes.join('\n')} />
          <div className="flex gap-2">
            <Button size="sm" variant="primary" onClick={() => void navigator.clipboard.writeText(fresh.codes.join('\n')).then(() => toast.success(t('common.copied')))}>{t('common.copy')}</Button>
            <Button size="sm" onClick={() => setFresh(null)}>{t('keys.done')}</Button>
          </div>
        </div>
      ) : null}
      <DataTable rows={list.items} columns={columns} rowKey={(c) => c.id} loading={list.loading} error={list.error} more={list.more} />
    </div>
  );
}
