import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { errorMessage } from '@/lib/api-client';
import { Button } from '@/components/ui/button';
import { useAddTokens, useDeleteToken, useProbeToken, useTokens, useUpdateToken, type PoolKey } from '../api/tokens';
import { DataTable, fmtDate, type Column } from '../components/data-table';
import { inputClass, PageHeader } from '../components/page-header';

/** The Gemini key pool. Keys are write-only: the list only ever shows the last four characters. */
export default function TokensPage() {
  const { t } = useTranslation();
  const list = useTokens();
  const addKeys = useAddTokens();
  const probe = useProbeToken();
  const update = useUpdateToken();
  const remove = useDeleteToken();
  const [keys, setKeys] = useState('');
  const [label, setLabel] = useState('');
  const [weight, setWeight] = useState(1);
  const [baseUrl, setBaseUrl] = useState('');
  const notify = {
    onSuccess: () => toast.success(t('admin.saved')),
    onError: (err: Error) => toast.error(err.message),
  };

  const add = () => {
    const lines = keys
      .split(/\s+/)
      .map((k) => k.trim())
      .filter(Boolean);
    if (lines.length === 0) return;
    const body = {
      ...(lines.length === 1 ? { key: lines[0] } : { keys: lines }),
      label: label || undefined,
      weight,
      base_url: baseUrl || undefined,
    };
    addKeys.mutate(body, {
      ...notify,
      onSuccess: () => {
        setKeys('');
        notify.onSuccess();
      },
    });
  };

  const columns: Column<PoolKey>[] = [
    {
      key: 'label',
      header: t('admin.tokens.label'),
      render: (k) => (
        <>
          <p className="font-medium">{k.label || '—'}</p>
          <p className="font-mono text-xs text-zinc-500">…{k.hint}</p>
        </>
      ),
    },
    {
      key: 'status',
      header: t('admin.users.status'),
      render: (k) => <span className={k.status === 'active' ? 'text-emerald-600' : 'text-amber-600'}>{k.status}</span>,
    },
    { key: 'weight', header: t('admin.tokens.weight'), render: (k) => k.weight },
    { key: 'health', header: t('admin.tokens.health'), render: (k) => `${k.success_count} / ${k.failure_count}` },
    {
      key: 'error',
      header: t('admin.tokens.lastError'),
      render: (k) => <span className="line-clamp-2 text-xs">{k.last_error_code || k.last_error_message || '—'}</span>,
    },
    { key: 'used', header: t('admin.tokens.lastUsed'), render: (k) => fmtDate(k.last_used_at) },
    {
      key: 'actions',
      header: '',
      render: (k) => (
        <div className="flex flex-wrap gap-1">
          <Button size="sm" onClick={() => probe.mutate(k.id, notify)}>
            {t('admin.tokens.probe')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              update.mutate({ id: k.id, patch: { status: k.status === 'disabled' ? 'active' : 'disabled' } }, notify)
            }
          >
            {k.status === 'disabled' ? t('admin.enable') : t('admin.disable')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              if (window.confirm(t('admin.tokens.confirmDelete'))) remove.mutate(k.id, notify);
            }}
          >
            {t('common.delete')}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.tokens')} />
      <form
        className="grid gap-2 rounded-xl border border-zinc-200 p-3 sm:grid-cols-[1fr_auto] dark:border-zinc-800"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <textarea
          className={`${inputClass} font-mono sm:row-span-2`}
          rows={3}
          placeholder={t('admin.tokens.keysPlaceholder')}
          aria-label={t('admin.tokens.keys')}
          value={keys}
          onChange={(e) => setKeys(e.target.value)}
          autoComplete="off"
        />
        <div className="flex flex-wrap gap-2">
          <input
            className={inputClass}
            placeholder={t('admin.tokens.label')}
            aria-label={t('admin.tokens.label')}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <input
            className={`${inputClass} w-20`}
            type="number"
            min={1}
            max={100}
            aria-label={t('admin.tokens.weight')}
            value={weight}
            onChange={(e) => setWeight(Number(e.target.value) || 1)}
          />
          <input
            className={inputClass}
            placeholder={t('admin.tokens.baseUrl')}
            aria-label={t('admin.tokens.baseUrl')}
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </div>
        <Button type="submit" variant="primary" className="justify-self-start">
          {t('admin.tokens.add')}
        </Button>
      </form>
      <DataTable
        rows={list.data ?? []}
        columns={columns}
        rowKey={(k) => k.id}
        loading={list.isFetching}
        error={list.error ? errorMessage(list.error) : ''}
      />
    </div>
  );
}
