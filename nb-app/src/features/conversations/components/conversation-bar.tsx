import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useConversations } from '@/stores/conversations';

/** Title of the open conversation and "clear", which empties this conversation only. */
export function ConversationBar() {
  const { t } = useTranslation();
  const active = useConversations((s) => s.list.find((c) => c.id === s.activeId));
  const count = useConversations((s) => (s.activeId ? (s.messages[s.activeId]?.length ?? 0) : 0));
  const clear = useConversations((s) => s.clear);
  if (!active) return null;
  const title = active.title || t('conversations.untitled');
  return (
    <div className="sticky top-0 z-10 flex items-center justify-between gap-2 border-b border-zinc-200 bg-white/90 px-3 py-2 backdrop-blur sm:px-6 dark:border-zinc-800 dark:bg-zinc-950/90">
      <h1 className="truncate text-sm font-medium" title={title}>
        {title}
      </h1>
      {count > 0 ? (
        <Button
          size="sm"
          variant="ghost"
          data-testid="clear-conversation"
          onClick={() => {
            if (window.confirm(t('conversations.confirmClear', { title }))) void clear(active.id);
          }}
        >
          {t('conversations.clear')}
        </Button>
      ) : null}
    </div>
  );
}
