import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/lib/api-client';
import { useAdminMutation } from './queries';

export type ModelPrice = Schemas['ModelOut'];

export const modelsKey = ['admin', 'models'] as const;

/** Every model, enabled or not (the endpoint is not paginated). */
export const listModels = (signal?: AbortSignal) => api('get', '/api/admin/models', { signal });

export const updateModel = ({ id, change }: { id: string; change: Schemas['ModelPriceIn'] }) =>
  api('put', '/api/admin/models/{model}', { path: { model: id }, body: change });

export const useModelPrices = () => useQuery({ queryKey: modelsKey, queryFn: ({ signal }) => listModels(signal) });

export const useUpdateModel = () => useAdminMutation(updateModel, modelsKey);
