import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useModelStats, useOverview, useSeries, type Bucket, type Metric } from '../api/stats';
import { inputClass, PageHeader } from '../components/page-header';
import { Figures, PERIODS, type Period } from './figures';

const METRICS: readonly Metric[] = [
  'generations',
  'successes',
  'failures',
  'credits_spent',
  'credits_redeemed',
  'credits_refunded',
  'active_users',
  'signups',
  'latency_p95',
];

function Card({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        <div className="flex gap-2">{actions}</div>
      </div>
      {children}
    </section>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>('today');
  const [metric, setMetric] = useState<Metric>(METRICS[0]);
  const [bucket, setBucket] = useState<Bucket>('day');
  const overview = useOverview();
  const series = useSeries({ metric, bucket });
  const models = useModelStats();
  const points = (series.data?.points ?? []).map((p) => ({ t: p.t, value: p.value ?? 0 }));
  const modelRows = (models.data ?? []).map((m) => ({ ...m, label: m.name || m.model }));
  const error = (overview.error ?? series.error ?? models.error)?.message;

  return (
    <div className="space-y-4">
      <PageHeader title={t('admin.nav.overview')}>
        <select
          className={inputClass}
          value={period}
          onChange={(e) => setPeriod(e.target.value as Period)}
          aria-label={t('admin.overview.period')}
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`admin.overview.periods.${p}`)}
            </option>
          ))}
        </select>
      </PageHeader>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      {overview.data ? <Figures data={overview.data} period={period} /> : null}
      <Card
        title={t('admin.overview.trend')}
        actions={
          <>
            <select
              className={inputClass}
              value={metric}
              onChange={(e) => setMetric(e.target.value as Metric)}
              aria-label={t('admin.overview.metric')}
            >
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`admin.overview.metrics.${m}`)}
                </option>
              ))}
            </select>
            <select
              className={inputClass}
              value={bucket}
              onChange={(e) => setBucket(e.target.value as Bucket)}
              aria-label={t('admin.overview.bucket')}
            >
              <option value="day">{t('admin.overview.day')}</option>
              <option value="hour">{t('admin.overview.hour')}</option>
            </select>
          </>
        }
      >
        <div className="h-64">
          <ResponsiveContainer>
            <LineChart data={points}>
              <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
              <XAxis
                dataKey="t"
                tick={{ fontSize: 11 }}
                tickFormatter={(v: string) => (bucket === 'day' ? v.slice(5, 10) : v.slice(11, 16))}
              />
              <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
              <Tooltip />
              <Line
                type="monotone"
                dataKey="value"
                name={t(`admin.overview.metrics.${metric}`)}
                stroke="#f59e0b"
                dot={false}
                strokeWidth={2}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </Card>
      <Card title={t('admin.overview.byModel')}>
        <div className="h-64">
          <ResponsiveContainer>
            <BarChart data={modelRows}>
              <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="succeeded" name={t('admin.overview.succeeded')} stackId="s" fill="#10b981" />
              <Bar dataKey="refunded" name={t('admin.overview.refunded')} stackId="s" fill="#ef4444" />
              <Bar dataKey="credits_spent" name={t('admin.overview.creditsSpent')} fill="#f59e0b" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Card>
    </div>
  );
}
