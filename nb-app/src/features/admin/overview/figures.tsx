import { useTranslation } from 'react-i18next';
import type { Schemas } from '@/lib/api-client';
import type { Overview } from '../api/stats';

/** The windows the overview answers by name (its `generations` and `credits` maps are keyed by these). */
export const PERIODS = ['today', 'last_7_days', 'last_30_days', 'all_time'] as const;
export type Period = (typeof PERIODS)[number];

function Figure({ label, value, tone }: { label: string; value: string | number; tone?: string }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <p className="truncate text-xs text-zinc-500">{label}</p>
      <p className={`text-2xl font-semibold ${tone ?? ''}`}>{value}</p>
    </div>
  );
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The headline numbers of one period: people, generations by outcome, credits and the key pool. */
export function Figures({ data, period }: { data: Overview; period: Period }) {
  const { t } = useTranslation();
  const users = data.users;
  const gen: Partial<Schemas['GenerationWindow']> = data.generations[period] ?? {};
  const credits: Partial<Schemas['CreditWindow']> = data.credits[period] ?? {};
  const pool = data.pool;
  const total = num(gen.total);
  const rate = total ? `${Math.round((num(gen.succeeded) / total) * 100)}%` : '—';
  const suffix = period === 'all_time' ? 'total' : period;
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="overview-figures">
      <Figure label={t('admin.overview.users')} value={num(users.total)} />
      <Figure
        label={t('admin.overview.activeUsers')}
        value={num(users[period === 'all_time' ? 'active_last_30_days' : `active_${period}`])}
      />
      <Figure
        label={t('admin.overview.newUsers')}
        value={num(users[period === 'all_time' ? 'total' : `new_${suffix}`])}
      />
      <Figure
        label={t('admin.overview.pool')}
        value={`${num(pool.active)} / ${num(pool.total)}`}
        tone={num(pool.active) ? 'text-emerald-600' : 'text-amber-600'}
      />
      <Figure label={t('admin.overview.generations')} value={total} />
      <Figure label={t('admin.overview.succeeded')} value={num(gen.succeeded)} tone="text-emerald-600" />
      <Figure label={t('admin.overview.refunded')} value={num(gen.refunded) + num(gen.failed)} tone="text-red-600" />
      <Figure label={t('admin.overview.successRate')} value={rate} />
      <Figure label={t('admin.overview.creditsSpent')} value={num(credits.spent)} />
      <Figure label={t('admin.overview.creditsRedeemed')} value={num(credits.redeemed)} />
      <Figure label={t('admin.overview.creditsRefunded')} value={num(credits.refunded)} />
      <Figure label={t('admin.overview.pending')} value={num(data.pending_generations)} />
    </div>
  );
}
