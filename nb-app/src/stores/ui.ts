import { create } from 'zustand';
import type { ImageRef } from '@/lib/gemini/types';

export type Dialog = 'key' | 'auth' | 'redeem' | 'arcade' | 'history' | 'prompts' | 'pipelines' | 'tour' | null;

interface UiState {
  dialog: Dialog;
  sidebarOpen: boolean;
  /** Images handed back to the prompt box by "edit again" or a history pick. */
  pendingInputs: ImageRef[];
  /** Text handed to the prompt box by the prompt library. */
  promptInsert: string | null;
  insertPrompt: (text: string | null) => void;
  open: (dialog: Exclude<Dialog, null>) => void;
  close: (dialog?: Dialog) => void;
  setSidebar: (open: boolean) => void;
  pushInputs: (refs: ImageRef[]) => void;
  takeInputs: () => ImageRef[];
}

export const useUi = create<UiState>()((set, get) => ({
  dialog: null,
  sidebarOpen: false,
  pendingInputs: [],
  promptInsert: null,
  insertPrompt: (promptInsert) => set({ promptInsert }),
  open: (dialog) => set({ dialog }),
  close: (dialog) => set((s) => (dialog === undefined || s.dialog === dialog ? { dialog: null } : {})),
  setSidebar: (sidebarOpen) => set({ sidebarOpen }),
  pushInputs: (refs) => set((s) => ({ pendingInputs: [...s.pendingInputs, ...refs] })),
  takeInputs: () => {
    const refs = get().pendingInputs;
    set({ pendingInputs: [] });
    return refs;
  },
}));
