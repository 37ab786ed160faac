import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { useAdjustCredits, useUpdateUser, useUsers, type AdminUser, type UserFilters } from '../api/users';
import { DataTable, fmtDate, type Column } from '../components/data-table';
import { inputClass, PageHeader } from '../components/page-header';

type StatusFilter = NonNullable<UserFilters['status']> | '';

export default function UsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('');
  const list = useUsers({ q: q.trim() || undefined, status: status || undefined });
  const update = useUpdateUser();
  const credit = useAdjustCredits();
  const notify = {
    onSuccess: () => toast.success(t('admin.saved')),
    onError: (err: Error) => toast.error(err.message),
  };

  const adjust = (u: AdminUser) => {
    const delta = Number(window.prompt(t('admin.users.deltaPrompt', { email: u.email })) ?? '');
    if (!Number.isInteger(delta) || delta === 0) return;
    const reason = window.prompt(t('admin.users.reasonPrompt'))?.trim();
    if (!reason) return;
    credit.mutate({ id: u.id, change: { delta, reason } }, notify);
  };

  const columns: Column<AdminUser>[] = [
    {
      key: 'email',
      header: t('auth.email'),
      render: (u) => (
        <>
          <p className="font-medium">{u.email}</p>
          <p className="text-xs text-zinc-500">{u.nickname}</p>
        </>
      ),
    },
    { key: 'role', header: t('admin.users.role'), render: (u) => u.role },
    {
      key: 'status',
      header: t('admin.users.status'),
      render: (u) => (
        <span className={u.status === 'banned' ? 'text-red-600' : 'text-emerald-600'}>
          {t(`admin.users.statuses.${u.status}`)}
        </span>
      ),
    },
    { key: 'credits', header: t('account.credits'), render: (u) => u.credits, className: 'text-right' },
    { key: 'created', header: t('admin.created'), render: (u) => fmtDate(u.created_at) },
    {
      key: 'actions',
      header: '',
      render: (u) => (
        <div className="flex flex-wrap gap-1">
          <Button size="sm" onClick={() => adjust(u)}>
            {t('admin.users.adjust')}
          </Button>
          <Button
            size="sm"
            variant={u.status === 'banned' ? 'secondary' : 'danger'}
            onClick={() =>
              update.mutate({ id: u.id, patch: { status: u.status === 'banned' ? 'active' : 'banned' } }, notify)
            }
          >
            {u.status === 'banned' ? t('admin.users.unban') : t('admin.users.ban')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => update.mutate({ id: u.id, patch: { role: u.role === 'admin' ? 'user' : 'admin' } }, notify)}
          >
            {u.role === 'admin' ? t('admin.users.makeUser') : t('admin.users.makeAdmin')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => void navigate(`/conversations?user_id=${u.id}`)}>
            {t('admin.nav.conversations')}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.users')}>
        <input
          className={inputClass}
          placeholder={t('admin.search')}
          aria-label={t('admin.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <select
          className={inputClass}
          value={status}
          onChange={(e) => setStatus(e.target.value as StatusFilter)}
          aria-label={t('admin.users.status')}
        >
          <option value="">{t('admin.all')}</option>
          <option value="active">{t('admin.users.statuses.active')}</option>
          <option value="banned">{t('admin.users.statuses.banned')}</option>
        </select>
      </PageHeader>
      <DataTable
        rows={list.items}
        columns={columns}
        rowKey={(u) => u.id}
        loading={list.loading}
        error={list.error}
        more={list.more}
      />
    </div>
  );
}
