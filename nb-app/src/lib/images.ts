import { getDb, type ImageRecord } from './db';
import type { ImageRef, InlineData, Part } from './gemini/types';
import { uuid } from './uuid';

export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(buffer: ArrayBuffer | Uint8Array): string {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  let bin = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) bin += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(bin);
}

export async function blobToBase64(blob: Blob): Promise<string> {
  return bytesToBase64(await blob.arrayBuffer());
}

export interface ImageMeta {
  owner: string;
  conversationId?: string;
  prompt?: string;
  generated: boolean;
}

export async function saveImage(inline: InlineData, meta: ImageMeta): Promise<ImageRef> {
  const bytes = base64ToBytes(inline.data);
  const record: ImageRecord = {
    id: uuid(),
    bytes: bytes.buffer,
    mimeType: inline.mimeType,
    createdAt: Date.now(),
    ...meta,
  };
  await (await getDb()).put('images', record);
  return { id: record.id, mimeType: inline.mimeType, size: bytes.byteLength };
}

/** Moves inline image bytes into IndexedDB and leaves a reference in the part; every other field stays. */
export async function storeParts(parts: Part[], meta: ImageMeta): Promise<Part[]> {
  const out: Part[] = [];
  for (const part of parts) {
    if (part.inlineData) {
      const { inlineData, ...rest } = part;
      const imageRef = await saveImage(inlineData, { ...meta, generated: meta.generated && !part.thought });
      out.push({ ...rest, imageRef });
    } else {
      out.push({ ...part });
    }
  }
  return out;
}

export async function loadImageBlob(ref: ImageRef): Promise<Blob> {
  const local = await (await getDb()).get('images', ref.id);
  if (local) return new Blob([local.bytes], { type: local.mimeType });
  if (!ref.url) throw new Error(`image ${ref.id} is not available`);
  const res = await fetch(ref.url);
  if (!res.ok) throw new Error(`image ${ref.id}: HTTP ${res.status}`);
  return res.blob();
}

export async function refToInlineData(ref: ImageRef): Promise<InlineData> {
  const local = await (await getDb()).get('images', ref.id);
  if (local) return { mimeType: local.mimeType, data: bytesToBase64(local.bytes) };
  const blob = await loadImageBlob(ref);
  return { mimeType: ref.mimeType || blob.type || 'image/png', data: await blobToBase64(blob) };
}

/** The inverse of storeParts for sending: references become inline bytes again, signatures untouched. */
export async function resolveParts(parts: Part[]): Promise<Part[]> {
  return Promise.all(
    parts.map(async (part) => {
      if (!part.imageRef) return { ...part };
      const { imageRef, ...rest } = part;
      return { ...rest, inlineData: await refToInlineData(imageRef) };
    }),
  );
}
