import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { api } from '@/lib/api-client';
import { Button } from '@/components/ui/button';
import { usePaged } from '../api/use-paged';
import { DataTable, fmtDate, type Column } from '../components/data-table';
import { inputClass, PageHeader } from '../components/page-header';

interface AdminUser {
  id: number;
  email: string;
  nickname: string | null;
  role: 'user' | 'admin';
  status: 'active' | 'banned';
  credits: number;
  created_at: string;
}

export default function UsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const list = usePaged<AdminUser>('/api/admin/users', { q: q.trim() || undefined, status: status || undefined });

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      toast.success(done);
      await list.reload();
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    }
  };

  const adjust = (u: AdminUser) => {
    const delta = Number(window.prompt(t('admin.users.deltaPrompt', { email: u.email })) ?? '');
    if (!Number.isInteger(delta) || delta === 0) return;
    const reason = window.prompt(t('admin.users.reasonPrompt'))?.trim();
    if (!reason) return;
    void act(() => api(`/api/admin/users/${u.id}/credits`, { body: { delta, reason } }), t('admin.saved'));
  };

  const columns: Column<AdminUser>[] = [
    { key: 'email', header: t('auth.email'), render: (u) => <><p className="font-medium">{u.email}</p><p className="text-xs text-zinc-500">{u.nickname}</p></> },
    { key: 'role', header: t('admin.users.role'), render: (u) => u.role },
    { key: 'status', header: t('admin.users.status'), render: (u) => <span className={u.status === 'banned' ? 'text-red-600' : 'text-emerald-600'}>{t(`admin.users.statuses.${u.status}`)}</span> },
    { key: 'credits', header: t('account.credits'), render: (u) => u.credits, className: 'text-right' },
    { key: 'created', header: t('admin.created'), render: (u) => fmtDate(u.created_at) },
    {
      key: 'actions', header: '', render: (u) => (
        <div className="flex flex-wrap gap-1">
          <Button size="sm" onClick={() => adjust(u)}>{t('admin.users.adjust')}</Button>
          <Button size="sm" variant={u.status === 'banned' ? 'secondary' : 'danger'} onClick={() => void act(() => api(`/api/admin/users/${u.id}`, { method: 'PATCH', body: { status: u.status === 'banned' ? 'active' : 'banned' } }), t('admin.saved'))}>
            {u.status === 'banned' ? t('admin.users.unban') : t('admin.users.ban')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => void act(() => api(`/api/admin/users/${u.id}`, { method: 'PATCH', body: { role: u.role === 'admin' ? 'user' : 'admin' } }), t('admin.saved'))}>
            {u.role === 'admin' ? t('admin.users.makeUser') : t('admin.users.makeAdmin')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => navigate(`/conversations?user_id=${u.id}`)}>{t('admin.nav.conversations')}</Button>
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.users')}>
        <input className={inputClass} placeholder={t('admin.search')} aria-label={t('admin.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select className={inputClass} value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('admin.users.status')}>
          <option value="">{t('admin.all')}</option>
          <option value="active">{t('admin.users.statuses.active')}</option>
          <option value="banned">{t('admin.users.statuses.banned')}</option>
        </select>
      </PageHeader>
      <DataTable rows={list.items} columns={columns} rowKey={(u) => u.id} loading={list.loading} error={list.error} more={list.more} />
    </div>
  );
}
