import { useCallback, useEffect, useState } from 'react';
import { loadPrompts, type PromptItem } from '../lib/library';

export function usePrompts(active = true) {
  const [items, setItems] = useState<PromptItem[]>([]);
  const reload = useCallback(() => loadPrompts().then(setItems), []);
  useEffect(() => {
    if (active) void reload();
  }, [active, reload]);
  return { items, reload };
}
