import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/lib/api-client';
import { DEFAULT_MODELS, type ModelInfo } from '@/config/models';
import { useAuth } from '@/stores/auth';

export const modelsKey = ['models'] as const;

/** The platform's models with their prices, enabled or not (the endpoint is not paginated). */
export const listModels = (signal?: AbortSignal) => api('get', '/api/models', { as: 'anonymous', signal });

/** A platform model as the prompt box knows it; what the platform does not say comes from the catalogue. */
export function toModelInfo(model: Schemas['ModelOut']): ModelInfo {
  const known = DEFAULT_MODELS.find((d) => d.id === model.id);
  return {
    ...known,
    id: model.id,
    name: model.name,
    credits: model.credits,
    enabled: model.enabled,
    image_sizes: model.image_sizes,
    aspect_ratios: model.aspect_ratios,
    max_reference_images: model.max_input_images,
  };
}

const enabledModels = (list: Schemas['ModelOut'][]) => list.filter((m) => m.enabled).map(toModelInfo);

/** Logged in: the platform's enabled models and prices. Guest: the built-in catalogue. */
export function useModels(): ModelInfo[] {
  const loggedIn = useAuth((s) => Boolean(s.accessToken));
  const { data } = useQuery({
    queryKey: modelsKey,
    queryFn: ({ signal }) => listModels(signal),
    enabled: loggedIn,
    select: enabledModels,
  });
  return loggedIn && data?.length ? data : DEFAULT_MODELS;
}
