/** Reference images above these limits are re-encoded before sending (the API takes ~20 MB per request). */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;
export const MAX_INPUT_EDGE = 3072;

export function needsCompression(bytes: number, width: number, height: number): boolean {
  return bytes > MAX_INPUT_BYTES || Math.max(width, height) > MAX_INPUT_EDGE;
}

export function fitWithin(width: number, height: number, edge = MAX_INPUT_EDGE): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

export interface PreparedImage {
  blob: Blob;
  mimeType: string;
  compressed: boolean;
}

export async function prepareImage(file: Blob): Promise<PreparedImage> {
  const mimeType = file.type || 'image/png';
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { blob: file, mimeType, compressed: false };
  }
  if (!needsCompression(file.size, bitmap.width, bitmap.height)) {
    bitmap.close();
    return { blob: file, mimeType, compressed: false };
  }
  const size = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  return blob ? { blob, mimeType: 'image/jpeg', compressed: true } : { blob: file, mimeType, compressed: false };
}
