import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { prepareImage } from '@/lib/compress';
import { blobToBase64, saveImage } from '@/lib/images';
import type { ImageRef } from '@/lib/gemini/types';
import { MAX_REFERENCE_IMAGES } from '@/config/models';
import { currentOwner } from '@/stores/auth';
import { useUi } from '@/stores/ui';

/** Reference images for the next prompt: stored in IndexedDB at once, oversize ones re-encoded with a toast. */
export function useAttachments(limit = MAX_REFERENCE_IMAGES) {
  const { t } = useTranslation();
  const [inputs, setInputs] = useState<ImageRef[]>([]);

  /** Images handed over by "edit again" or the history: taken once, whether they came before or after mounting. */
  useEffect(() => {
    const take = (pending: ImageRef[]) => {
      if (pending.length === 0) return;
      const refs = useUi.getState().takeInputs();
      setInputs((cur) => [...cur, ...refs].slice(0, limit));
      toast.success(t('prompt.addedForEditing'));
    };
    take(useUi.getState().pendingInputs);
    return useUi.subscribe((state) => take(state.pendingInputs));
  }, [limit, t]);

  const addFiles = useCallback(
    async (files: Iterable<File>) => {
      const images = [...files].filter((f) => f.type.startsWith('image/'));
      let room = limit - inputs.length;
      if (images.length > room) toast.warning(t('prompt.tooMany', { max: limit }));
      for (const file of images) {
        if (room <= 0) break;
        room--;
        const prepared = await prepareImage(file);
        if (prepared.compressed) toast.info(t('prompt.compressed', { name: file.name || 'image' }));
        const ref = await saveImage(
          { mimeType: prepared.mimeType, data: await blobToBase64(prepared.blob) },
          { owner: currentOwner(), generated: false },
        );
        setInputs((cur) => [...cur, ref].slice(0, limit));
      }
    },
    [inputs.length, limit, t],
  );

  return {
    inputs,
    addFiles,
    remove: (id: string) => setInputs((cur) => cur.filter((r) => r.id !== id)),
    clear: () => setInputs([]),
  };
}
