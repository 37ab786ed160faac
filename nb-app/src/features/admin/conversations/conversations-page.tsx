import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { storedParts } from '@/lib/api/conversations';
import { Dialog } from '@/components/ui/dialog';
import { useConversation, useConversations, type AdminConversation } from '../api/conversations';
import { DataTable, fmtDate, type Column } from '../components/data-table';
import { inputClass, PageHeader } from '../components/page-header';

/** User ids are numbers; anything else in the filter box filters nothing. */
const userIdOf = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

function ConversationDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useConversation(id);
  const messages = detail.data?.messages.items ?? [];
  return (
    <Dialog open onClose={onClose} title={t('admin.nav.conversations')} wide>
      <div className="space-y-3">
        {messages.length === 0 ? <p className="text-sm text-zinc-500">{t('admin.empty')}</p> : null}
        {messages.map((m) => (
          <div
            key={m.id}
            className={`rounded-xl p-3 text-sm ${m.role === 'user' ? 'bg-amber-50 dark:bg-amber-500/10' : 'bg-zinc-50 dark:bg-zinc-800/60'}`}
          >
            <p className="mb-1 text-xs text-zinc-500">
              {m.role} · {fmtDate(m.created_at)}
            </p>
            {storedParts(m)
              .filter((p) => !p.thought)
              .map((p, i) =>
                p.imageRef?.url ? (
                  <img
                    key={i}
                    src={p.imageRef.thumbUrl ?? p.imageRef.url}
                    alt=""
                    className="my-1 max-h-48 rounded-lg"
                  />
                ) : p.text ? (
                  <p key={i} className="whitespace-pre-wrap">
                    {p.text}
                  </p>
                ) : null,
              )}
          </div>
        ))}
      </div>
    </Dialog>
  );
}

export default function ConversationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const userId = params.get('user_id') ?? '';
  const visitorId = params.get('visitor_id') ?? '';
  const list = useConversations({
    user_id: userIdOf(userId),
    visitor_id: visitorId || undefined,
    q: q.trim() || undefined,
  });
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const columns: Column<AdminConversation>[] = [
    { key: 'title', header: t('admin.conversations.title'), render: (c) => c.title || t('conversations.untitled') },
    {
      key: 'owner',
      header: t('admin.conversations.owner'),
      render: (c) =>
        c.user_id ? (
          `user #${c.user_id}`
        ) : (
          <span className="font-mono text-xs">visitor {c.visitor_id?.slice(0, 8)}</span>
        ),
    },
    { key: 'model', header: t('options.model'), render: (c) => <span className="text-xs">{c.model}</span> },
    { key: 'count', header: t('admin.conversations.messages'), render: (c) => c.message_count },
    { key: 'updated', header: t('admin.conversations.updated'), render: (c) => fmtDate(c.updated_at) },
  ];

  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.conversations')}>
        <input
          className={inputClass}
          placeholder={t('admin.search')}
          aria-label={t('admin.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <input
          className={`${inputClass} w-28`}
          placeholder="user_id"
          aria-label="user_id"
          value={userId}
          onChange={(e) => setFilter('user_id', e.target.value)}
        />
        <input
          className={inputClass}
          placeholder="visitor_id"
          aria-label="visitor_id"
          value={visitorId}
          onChange={(e) => setFilter('visitor_id', e.target.value)}
        />
      </PageHeader>
      <DataTable
        rows={list.items}
        columns={columns}
        rowKey={(c) => c.id}
        loading={list.loading}
        error={list.error}
        more={list.more}
        onRowClick={(c) => setOpen(c.id)}
      />
      {open !== null ? <ConversationDetail id={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
