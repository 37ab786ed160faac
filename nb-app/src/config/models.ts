/** Model catalogue used by guests and as the fallback before `/api/models` answers. Ids change: keep them here. */
export interface ModelInfo {
  id: string;
  name: string;
  credits: number;
  enabled: boolean;
  image_sizes: string[];
  aspect_ratios: string[];
  max_reference_images?: number;
  thinks?: boolean;
}

const BASE_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];

export const DEFAULT_MODELS: ModelInfo[] = [
  {
    id: 'gemini-3-pro-image-preview',
    name: 'Nano Banana Pro',
    credits: 10,
    enabled: true,
    image_sizes: ['1K', '2K', '4K'],
    aspect_ratios: BASE_RATIOS,
    max_reference_images: 14,
    thinks: true,
  },
  {
    id: 'gemini-3.1-flash-image-preview',
    name: 'Nano Banana 2',
    credits: 5,
    enabled: true,
    image_sizes: ['512', '1K', '2K', '4K'],
    aspect_ratios: [...BASE_RATIOS, '1:4', '4:1', '1:8', '8:1'],
    max_reference_images: 14,
    thinks: true,
  },
  {
    id: 'gemini-2.5-flash-image',
    name: 'Nano Banana',
    credits: 1,
    enabled: true,
    image_sizes: [],
    aspect_ratios: BASE_RATIOS,
    max_reference_images: 3,
    thinks: false,
  },
];

export const MAX_REFERENCE_IMAGES = 14;

export function modelThinks(id: string): boolean {
  return DEFAULT_MODELS.find((m) => m.id === id)?.thinks ?? id.startsWith('gemini-3');
}
