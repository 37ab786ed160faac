import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useLedger } from '../api/account';

export function LedgerList() {
  const { t, i18n } = useTranslation();
  const ledger = useLedger();
  const items = ledger.data?.pages.flatMap((page) => page.items) ?? [];
  const loading = ledger.isFetching;

  if (items.length === 0)
    return <p className="text-sm text-zinc-500">{loading ? t('common.loading') : t('ledger.empty')}</p>;
  return (
    <div className="space-y-2">
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="ledger">
        {items.map((e) => (
          <li key={e.id} className="flex items-center justify-between gap-3 py-2">
            <div className="min-w-0">
              <p className="font-medium">{t(`ledger.kinds.${e.kind}`, { defaultValue: e.kind })}</p>
              <p className="truncate text-xs text-zinc-500">{new Date(e.created_at).toLocaleString(i18n.language)}</p>
            </div>
            <div className="text-right">
              <p className={e.delta >= 0 ? 'text-emerald-600' : 'text-red-600'}>
                {e.delta > 0 ? `+${e.delta}` : e.delta}
              </p>
              <p className="text-xs text-zinc-500">{t('ledger.balance', { count: e.balance_after })}</p>
            </div>
          </li>
        ))}
      </ul>
      {ledger.hasNextPage ? (
        <Button size="sm" disabled={loading} onClick={() => void ledger.fetchNextPage()}>
          {t('common.more')}
        </Button>
      ) : null}
    </div>
  );
}
