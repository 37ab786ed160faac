import { loadImageBlob } from './images';
import type { ImageRef } from './gemini/types';

export function extensionFor(mimeType: string): string {
  if (mimeType.includes('jpeg')) return 'jpg';
  if (mimeType.includes('webp')) return 'webp';
  return 'png';
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadImage(ref: ImageRef, basename = 'nanobanana'): Promise<void> {
  saveBlob(await loadImageBlob(ref), `${basename}-${ref.id.slice(0, 8)}.${extensionFor(ref.mimeType)}`);
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export async function buildZip(entries: ZipEntry[]): Promise<Blob> {
  const { zipSync } = await import('fflate');
  const files: Record<string, Uint8Array> = {};
  for (const e of entries) files[e.name] = e.data;
  return new Blob([zipSync(files, { level: 0 })], { type: 'application/zip' });
}

export async function downloadAllAsZip(refs: ImageRef[], name = 'nanobanana-images.zip'): Promise<void> {
  const entries: ZipEntry[] = [];
  for (const [i, ref] of refs.entries()) {
    const bytes = new Uint8Array(await (await loadImageBlob(ref)).arrayBuffer());
    entries.push({ name: `image_${String(i + 1).padStart(3, '0')}.${extensionFor(ref.mimeType)}`, data: bytes });
  }
  saveBlob(await buildZip(entries), name);
}

export interface DatasetItem {
  ref: ImageRef;
  caption: string;
}

export const DATASET_MIN_IMAGES = 5;

/** A training set: image_NNN.ext next to image_NNN.txt holding its caption (the prompt that made it). */
export async function datasetEntries(items: DatasetItem[], load = loadImageBlob): Promise<ZipEntry[]> {
  const enc = new TextEncoder();
  const entries: ZipEntry[] = [];
  for (const [i, item] of items.entries()) {
    const stem = `image_${String(i + 1).padStart(3, '0')}`;
    const bytes = new Uint8Array(await (await load(item.ref)).arrayBuffer());
    entries.push({ name: `${stem}.${extensionFor(item.ref.mimeType)}`, data: bytes });
    entries.push({ name: `${stem}.txt`, data: enc.encode(item.caption) });
  }
  return entries;
}

export async function downloadDataset(items: DatasetItem[]): Promise<void> {
  saveBlob(await buildZip(await datasetEntries(items)), 'nanobanana-dataset.zip');
}
