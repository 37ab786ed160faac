import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { useAuth } from '@/stores/auth';
import { useSettings, type GuestMode } from '@/stores/settings';
import { useUi } from '@/stores/ui';

/** Guest-only: the person's own key and endpoint. Kept in this browser; never sent to the platform. */
export function KeyDialog() {
  const { t } = useTranslation();
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.close);
  const loggedIn = useAuth((s) => Boolean(s.accessToken));
  const open = dialog === 'key' && !loggedIn;

  useEffect(() => {
    if (dialog === 'key' && loggedIn) close('key');
  }, [dialog, loggedIn, close]);

  return (
    <Dialog open={open} onClose={() => close('key')} title={t('key.title')} testId="key-dialog">
      <KeyForm onSaved={() => close('key')} />
    </Dialog>
  );
}

/** Mounted each time the dialog opens, so it starts from what is saved. */
function KeyForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const [key, setKey] = useState(settings.guestKey);
  const [baseUrl, setBaseUrl] = useState(settings.guestBaseUrl);
  const [mode, setMode] = useState<GuestMode>(settings.guestMode);

  const save = () => {
    settings.set({ guestKey: key.trim(), guestBaseUrl: baseUrl.trim(), guestMode: mode });
    toast.success(t('key.saved'));
    onSaved();
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="text-sm text-zinc-500">{t('key.intro')}</p>
      <TextField
        label={t('key.apiKey')}
        type="password"
        autoComplete="off"
        name="guest-key"
        value={key}
        onChange={(e) => setKey(e.target.value)}
        placeholder="AIza…"
      />
      <TextField
        label={t('key.endpoint')}
        type="url"
        name="guest-endpoint"
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        placeholder="https://generativelanguage.googleapis.com"
        hint={t('key.endpointHint')}
      />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">{t('key.mode')}</legend>
        {(['native', 'openai'] as const).map((m) => (
          <label key={m} className="mr-4 inline-flex items-center gap-2">
            <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} />
            {t(`key.modes.${m}`)}
          </label>
        ))}
      </fieldset>
      <p className="rounded-lg bg-amber-50 p-2 text-xs text-amber-800 dark:bg-amber-500/10 dark:text-amber-200">
        {t('key.privacy')}
      </p>
      <div className="flex justify-end gap-2">
        {settings.guestKey ? (
          <Button
            variant="ghost"
            onClick={() => {
              settings.set({ guestKey: '' });
              setKey('');
            }}
          >
            {t('key.forget')}
          </Button>
        ) : null}
        <Button type="submit" variant="primary" data-testid="save-key">
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
