import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Schemas } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';
import { Button } from '@/components/ui/button';
import {
  CODE_STATES,
  exportCodes,
  useCodes,
  useCreateCodes,
  useDisableCode,
  type CodeState,
  type RedeemCode,
} from '../api/codes';
import { DataTable, fmtDate, type Column } from '../components/data-table';
import { inputClass, PageHeader } from '../components/page-header';

/** Batch ids are numbers; anything else in the filter box filters nothing. */
const batchIdOf = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

export default function CodesPage() {
  const { t } = useTranslation();
  const [batchFilter, setBatchFilter] = useState('');
  const [state, setState] = useState<CodeState | ''>('');
  const batchId = batchIdOf(batchFilter);
  const list = useCodes({ batch_id: batchId, state: state || undefined });
  const create = useCreateCodes();
  const disable = useDisableCode();
  const [form, setForm] = useState({ count: 10, credits: 100, expires: '', note: '' });
  const [fresh, setFresh] = useState<Schemas['RedeemBatchOut'] | null>(null);

  const generate = () =>
    create.mutate(
      {
        count: form.count,
        credits: form.credits,
        note: form.note || undefined,
        expires_at: form.expires ? new Date(form.expires).toISOString() : undefined,
      },
      { onSuccess: (batch) => setFresh(batch), onError: (err) => toast.error(err.message) },
    );

  const exportCsv = () => {
    if (batchId === undefined) return;
    exportCodes(batchId)
      .then((csv) => saveBlob(csv, `redeem-codes-${batchId}.csv`))
      .catch((e: Error) => toast.error(e.message));
  };

  const columns: Column<RedeemCode>[] = [
    { key: 'code', header: t('redeem.code'), render: (c) => <span className="font-mono">{c.display_prefix}…</span> },
    { key: 'batch', header: t('admin.codes.batch'), render: (c) => c.batch_id },
    { key: 'credits', header: t('account.credits'), render: (c) => c.credits },
    { key: 'state', header: t('admin.users.status'), render: (c) => c.state },
    { key: 'expires', header: t('admin.codes.expires'), render: (c) => fmtDate(c.expires_at) },
    {
      key: 'redeemed',
      header: t('admin.codes.redeemed'),
      render: (c) => (c.redeemed_at ? `#${c.redeemed_by} · ${fmtDate(c.redeemed_at)}` : '—'),
    },
    {
      key: 'actions',
      header: '',
      render: (c) =>
        c.state === 'unused' ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => disable.mutate(c.id, { onError: (e) => toast.error(e.message) })}
          >
            {t('admin.disable')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.codes')}>
        <input
          className={`${inputClass} w-28`}
          placeholder={t('admin.codes.batch')}
          aria-label={t('admin.codes.batch')}
          value={batchFilter}
          onChange={(e) => setBatchFilter(e.target.value)}
        />
        <select
          className={inputClass}
          value={state}
          onChange={(e) => setState(e.target.value as CodeState | '')}
          aria-label={t('admin.users.status')}
        >
          <option value="">{t('admin.all')}</option>
          {CODE_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <Button size="sm" disabled={batchId === undefined} onClick={exportCsv}>
          {t('admin.codes.export')}
        </Button>
      </PageHeader>
      <form
        className="flex flex-wrap items-end gap-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800"
        onSubmit={(e) => {
          e.preventDefault();
          generate();
        }}
      >
        <label className="text-xs">
          {t('admin.codes.count')}
          <input
            className={`${inputClass} block w-24`}
            type="number"
            min={1}
            max={1000}
            value={form.count}
            onChange={(e) => setForm({ ...form, count: Number(e.target.value) })}
          />
        </label>
        <label className="text-xs">
          {t('account.credits')}
          <input
            className={`${inputClass} block w-28`}
            type="number"
            min={1}
            value={form.credits}
            onChange={(e) => setForm({ ...form, credits: Number(e.target.value) })}
          />
        </label>
        <label className="text-xs">
          {t('admin.codes.expires')}
          <input
            className={`${inputClass} block`}
            type="datetime-local"
            value={form.expires}
            onChange={(e) => setForm({ ...form, expires: e.target.value })}
          />
        </label>
        <label className="text-xs">
          {t('admin.codes.note')}
          <input
            className={`${inputClass} block`}
            value={form.note}
            onChange={(e) => setForm({ ...form, note: e.target.value })}
          />
        </label>
        <Button type="submit" variant="primary">
          {t('admin.codes.generate')}
        </Button>
      </form>
      {fresh ? (
        <div className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-500/40 dark:bg-amber-500/10">
          <p className="font-medium">
            {t('admin.codes.shownOnce', { count: fresh.codes.length, batch: fresh.batch_id })}
          </p>
          <textarea
            readOnly
            className={`${inputClass} w-full font-mono`}
            rows={Math.min(8, fresh.codes.length)}
            value={fresh.codes.join('\n')}
          />
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="primary"
              onClick={() =>
                void navigator.clipboard.writeText(fresh.codes.join('\n')).then(() => toast.success(t('common.copied')))
              }
            >
              {t('common.copy')}
            </Button>
            <Button size="sm" onClick={() => setFresh(null)}>
              {t('keys.done')}
            </Button>
          </div>
        </div>
      ) : null}
      <DataTable
        rows={list.items}
        columns={columns}
        rowKey={(c) => c.id}
        loading={list.loading}
        error={list.error}
        more={list.more}
      />
    </div>
  );
}
