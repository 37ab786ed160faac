import { useTranslation } from 'react-i18next';
import { ConversationBar } from '@/features/conversations/components/conversation-bar';
import { ConversationSidebar } from '@/features/conversations/components/conversation-sidebar';
import { MessageList } from '@/features/generate/components/message-list';
import { PromptBox } from '@/features/generate/components/prompt-box';
import { PromptQuickPicker } from '@/features/prompts/components/quick-picker';
import { useAuth } from '@/stores/auth';
import { useConversations } from '@/stores/conversations';
import { useUi } from '@/stores/ui';
import { DrawerFooter } from '../drawer-footer';

export function HomeRoute() {
  const { t } = useTranslation();
  const activeId = useConversations((s) => s.activeId);
  const loggedIn = useAuth((s) => Boolean(s.accessToken));
  const { sidebarOpen, setSidebar } = useUi();

  return (
    <div className="flex min-h-0 flex-1">
      <aside className="hidden w-64 shrink-0 border-r border-zinc-200 bg-zinc-50/60 md:block dark:border-zinc-800 dark:bg-zinc-900/40">
        <ConversationSidebar />
      </aside>
      {sidebarOpen ? (
        <div className="fixed inset-0 z-40 md:hidden" onClick={() => setSidebar(false)}>
          <div className="absolute inset-0 bg-black/40" />
          <aside
            className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col bg-white shadow-xl dark:bg-zinc-950"
            onClick={(e) => e.stopPropagation()}
          >
            <div className="min-h-0 flex-1">
              <ConversationSidebar />
            </div>
            <DrawerFooter />
          </aside>
        </div>
      ) : null}
      <main className="flex min-w-0 flex-1 flex-col">
        <div className="min-h-0 flex-1 overflow-y-auto">
          <ConversationBar />
          <MessageList conversationId={activeId ?? ''} />
        </div>
        <div className="border-t border-zinc-200 bg-zinc-50/50 p-2 sm:p-4 dark:border-zinc-800 dark:bg-zinc-950/50">
          {!loggedIn ? (
            <p
              className="mx-auto mb-2 max-w-3xl truncate text-center text-xs text-zinc-500"
              data-testid="guest-notice"
              title={t('guest.notice')}
            >
              ⓘ {t('guest.notice')}
            </p>
          ) : null}
          <PromptBox SlashPicker={PromptQuickPicker} />
        </div>
      </main>
    </div>
  );
}
