import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { uuid } from '@/lib/uuid';

export type Theme = 'light' | 'dark' | 'system';
export type GuestMode = 'native' | 'openai';

/** Small preferences only; conversations and images live in IndexedDB. */
export interface Settings {
  visitorId: string;
  theme: Theme;
  language: 'zh' | 'en';
  model: string;
  imageSize: string;
  aspectRatio: string;
  stream: boolean;
  sendContext: boolean;
  grounding: boolean;
  batchCount: number;
  concurrency: number;
  guestKey: string;
  guestBaseUrl: string;
  guestMode: GuestMode;
  tourSeen: boolean;
  arcadeAuto: boolean;
}

interface SettingsStore extends Settings {
  set: (patch: Partial<Settings>) => void;
}

export const DEFAULT_SETTINGS: Omit<Settings, 'visitorId'> = {
  theme: 'system',
  language: 'zh',
  model: 'gemini-3-pro-image-preview',
  imageSize: '1K',
  aspectRatio: 'auto',
  stream: true,
  sendContext: true,
  grounding: false,
  batchCount: 1,
  concurrency: 3,
  guestKey: '',
  guestBaseUrl: '',
  guestMode: 'native',
  tourSeen: false,
  arcadeAuto: false,
};

export const useSettings = create<SettingsStore>()(
  persist(
    (set) => ({
      ...DEFAULT_SETTINGS,
      visitorId: uuid(),
      set: (patch) => set(patch),
    }),
    { name: 'nb-settings', version: 1, storage: createJSONStorage(() => localStorage) },
  ),
);

/** Writes the visitor id on first load so it stays the same across reloads even if no setting changes. */
useSettings.getState().set({ visitorId: useSettings.getState().visitorId });
