import { useTranslation } from 'react-i18next';
import { useAudit, type AuditEntry } from '../api/audit';
import { DataTable, fmtDate, type Column } from '../components/data-table';
import { PageHeader } from '../components/page-header';

const brief = (value: AuditEntry['before']) => (value ? JSON.stringify(value) : '—');

export default function AuditPage() {
  const { t } = useTranslation();
  const list = useAudit();
  const columns: Column<AuditEntry>[] = [
    { key: 'when', header: t('admin.created'), render: (e) => fmtDate(e.created_at) },
    { key: 'actor', header: t('admin.audit.actor'), render: (e) => (e.actor_id ? `#${e.actor_id}` : '—') },
    { key: 'action', header: t('admin.audit.action'), render: (e) => <span className="font-medium">{e.action}</span> },
    {
      key: 'target',
      header: t('admin.audit.target'),
      render: (e) => `${e.target_type}${e.target_id ? ` #${e.target_id}` : ''}`,
    },
    {
      key: 'change',
      header: t('admin.audit.change'),
      render: (e) => (
        <span className="line-clamp-2 font-mono text-xs break-all">
          {brief(e.before)} → {brief(e.after)}
        </span>
      ),
    },
    { key: 'ip', header: 'IP', render: (e) => e.ip ?? '—' },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.audit')} />
      <DataTable
        rows={list.items}
        columns={columns}
        rowKey={(e) => e.id}
        loading={list.loading}
        error={list.error}
        more={list.more}
      />
    </div>
  );
}
