import { useEffect, useState } from 'react';
import { getDb } from '@/lib/db';
import type { ImageRef } from '@/lib/gemini/types';

/** Object URL for a locally stored image, or the server's signed URL; revoked on unmount. */
export function useImageUrl(ref: ImageRef | undefined, thumb = false): string | undefined {
  const remote = thumb ? (ref?.thumbUrl ?? ref?.url) : ref?.url;
  const [url, setUrl] = useState<string | undefined>(remote);
  useEffect(() => {
    if (!ref) return;
    let objectUrl: string | undefined;
    let cancelled = false;
    void (async () => {
      const record = await (await getDb()).get('images', ref.id);
      if (cancelled) return;
      if (record) {
        objectUrl = URL.createObjectURL(new Blob([record.bytes], { type: record.mimeType }));
        setUrl(objectUrl);
      } else {
        setUrl(remote);
      }
    })();
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [ref, remote]);
  return url;
}
