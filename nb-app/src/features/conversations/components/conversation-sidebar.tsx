import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/icons';
import { useConversations } from '@/stores/conversations';
import { useGeneration } from '@/stores/generation';
import { useSettings } from '@/stores/settings';
import { useUi } from '@/stores/ui';
import { ConversationItem } from './conversation-item';

/** New, rename and delete one conversation. There is deliberately no "delete all". */
export function ConversationSidebar() {
  const { t } = useTranslation();
  const { list, activeId, create, select, rename, remove } = useConversations();
  const inflight = useGeneration((s) => s.inflight);
  const setSidebar = useUi((s) => s.setSidebar);
  const busyIds = new Set(Object.values(inflight).map((r) => r.conversationId));

  return (
    <nav className="flex h-full flex-col gap-2 p-3" aria-label={t('conversations.title')} data-tour="sidebar">
      <Button
        variant="primary"
        className="w-full justify-center"
        data-testid="new-conversation"
        onClick={() => {
          void create(useSettings.getState().model);
          setSidebar(false);
        }}
      >
        <Icon name="plus" className="h-4 w-4" /> {t('conversations.new')}
      </Button>
      <h2 className="px-2 pt-2 text-xs font-medium tracking-wide text-zinc-500 uppercase">
        {t('conversations.title')}
      </h2>
      <div className="min-h-0 flex-1 space-y-0.5 overflow-y-auto">
        {list.length === 0 ? <p className="px-2 text-sm text-zinc-500">{t('conversations.empty')}</p> : null}
        {list.map((c) => (
          <ConversationItem
            key={c.id}
            conversation={c}
            active={c.id === activeId}
            busy={busyIds.has(c.id)}
            onSelect={() => {
              void select(c.id);
              setSidebar(false);
            }}
            onRename={(title) => void rename(c.id, title)}
            onDelete={() => void remove(c.id)}
          />
        ))}
      </div>
    </nav>
  );
}
