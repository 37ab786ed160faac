import { useEffect, useState } from 'react';
import { api } from '@/lib/api-client';
import { DEFAULT_MODELS, type ModelInfo } from '@/config/models';
import { useAuth } from '@/stores/auth';

/** Logged in: the platform's enabled models and prices. Guest: the built-in catalogue. */
export function useModels(): ModelInfo[] {
  const loggedIn = useAuth((s) => Boolean(s.accessToken));
  const [remote, setRemote] = useState<ModelInfo[] | null>(null);
  useEffect(() => {
    if (!loggedIn) return;
    let cancelled = false;
    api<ModelInfo[] | { items: ModelInfo[] }>('/api/models', { as: 'anonymous' })
      .then((res) => {
        const list = Array.isArray(res) ? res : res.items;
        if (!cancelled) setRemote(list.filter((m) => m.enabled !== false));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [loggedIn]);
  if (!loggedIn || !remote?.length) return DEFAULT_MODELS;
  return remote.map((m) => {
    const known = DEFAULT_MODELS.find((d) => d.id === m.id);
    return { ...known, ...m, max_reference_images: m.max_input_images ?? m.max_reference_images ?? known?.max_reference_images, image_sizes: m.image_sizes ?? known?.image_sizes ?? [], aspect_ratios: m.aspect_ratios ?? known?.aspect_ratios ?? [] };
  });
}
