import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryOf, type Schemas } from '@/lib/api-client';

export type Overview = Schemas['OverviewOut'];
export type ModelStats = Schemas['ModelStatsOut'];
export type SeriesQuery = QueryOf<'get', '/api/admin/stats/timeseries'>;
export type Metric = SeriesQuery['metric'];
export type Bucket = NonNullable<SeriesQuery['bucket']>;

export const statsKey = ['admin', 'stats'] as const;

export const getOverview = (signal?: AbortSignal) => api('get', '/api/admin/stats/overview', { signal });

export const getSeries = (query: SeriesQuery, signal?: AbortSignal) =>
  api('get', '/api/admin/stats/timeseries', { query, signal });

/** Per-model totals of all time (the endpoint is not paginated). */
export const getModelStats = (signal?: AbortSignal) => api('get', '/api/admin/stats/models', { signal });

export const useOverview = () =>
  useQuery({ queryKey: [...statsKey, 'overview'], queryFn: ({ signal }) => getOverview(signal) });

export const useSeries = (query: SeriesQuery) =>
  useQuery({
    queryKey: [...statsKey, 'series', query],
    queryFn: ({ signal }) => getSeries(query, signal),
    placeholderData: keepPreviousData,
  });

export const useModelStats = () =>
  useQuery({ queryKey: [...statsKey, 'models'], queryFn: ({ signal }) => getModelStats(signal) });
