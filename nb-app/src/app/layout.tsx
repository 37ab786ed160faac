import { lazy, Suspense } from 'react';
import { Outlet } from 'react-router';
import { AuthDialog } from '@/features/account/components/auth-dialog';
import { RedeemDialog } from '@/features/account/components/redeem-dialog';
import { ArcadeLauncher } from '@/features/arcade/components/arcade-launcher';
import { KeyDialog } from '@/features/generate/components/key-dialog';
import { Tour } from '@/features/tour/components/tour';
import { useUi, type Dialog } from '@/stores/ui';
import { DemoBanner } from './demo-banner';
import { Header } from './header';

const PANELS: Partial<Record<Exclude<Dialog, null>, ReturnType<typeof lazy>>> = {
  history: lazy(() => import('@/features/history/components/history-panel')),
  prompts: lazy(() => import('@/features/prompts/components/prompt-library')),
  pipelines: lazy(() => import('@/features/pipelines/components/pipeline-panel')),
  arcade: lazy(() => import('@/features/arcade/components/arcade-dialog')),
};

/** Panels stay mounted once opened, so a running pipeline keeps its progress when the panel is closed. */
const mounted = new Set<string>();

export function Layout() {
  const dialog = useUi((s) => s.dialog);
  if (dialog && PANELS[dialog]) mounted.add(dialog);
  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <Header />
      <DemoBanner />
      <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
        <Outlet />
      </div>
      <KeyDialog />
      <AuthDialog />
      <RedeemDialog />
      <Tour />
      <ArcadeLauncher />
      <Suspense fallback={null}>
        {[...mounted].map((id) => {
          const Panel = PANELS[id as keyof typeof PANELS];
          return Panel ? <Panel key={id} /> : null;
        })}
      </Suspense>
    </div>
  );
}
