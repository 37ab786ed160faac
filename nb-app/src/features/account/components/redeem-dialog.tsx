import { useTranslation } from 'react-i18next';
import { Dialog } from '@/components/ui/dialog';
import { useAuth } from '@/stores/auth';
import { useUi } from '@/stores/ui';
import { RedeemForm } from './redeem-form';

export function RedeemDialog() {
  const { t } = useTranslation();
  const open = useUi((s) => s.dialog === 'redeem');
  const close = useUi((s) => s.close);
  const credits = useAuth((s) => s.user?.credits ?? 0);
  return (
    <Dialog open={open} onClose={() => close('redeem')} title={t('redeem.title')} testId="redeem-dialog">
      <div className="space-y-3">
        <p className="text-sm text-zinc-500">{t('redeem.intro', { count: credits })}</p>
        <RedeemForm onDone={() => close('redeem')} />
      </div>
    </Dialog>
  );
}
