import type { ImgHTMLAttributes } from 'react';
import type { ImageRef } from '@/lib/gemini/types';
import { useImageUrl } from '@/hooks/use-image-url';

interface StoredImageProps extends Omit<ImgHTMLAttributes<HTMLImageElement>, 'src'> {
  imageRef: ImageRef;
  thumb?: boolean;
}

export function StoredImage({ imageRef, thumb, className = '', alt = '', ...rest }: StoredImageProps) {
  const src = useImageUrl(imageRef, thumb);
  if (!src) return <div className={`animate-pulse bg-zinc-200 dark:bg-zinc-800 ${className}`} />;
  return <img src={src} alt={alt} loading="lazy" decoding="async" className={className} {...rest} />;
}
