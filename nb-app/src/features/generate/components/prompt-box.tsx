import { useEffect, useRef, useState, type ComponentType, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { StoredImage } from '@/components/stored-image';
import { Icon } from '@/components/icons';
import { useConversations } from '@/stores/conversations';
import { useGeneration } from '@/stores/generation';
import { useSettings } from '@/stores/settings';
import { useUi } from '@/stores/ui';
import { useModels } from '../api/models';
import { useAttachments } from '../hooks/use-attachments';
import { currentOptions } from '@/stores/generation-options';
import { OptionsBar } from './options-bar';

export interface SlashPickerProps {
  text: string;
  caret: number;
  onReplace: (text: string, caret: number) => void;
}

/** The prompt, its reference images and the send / stop buttons. `SlashPicker` is supplied by the app. */
export function PromptBox({ SlashPicker }: { SlashPicker?: ComponentType<SlashPickerProps> }) {
  const { t } = useTranslation();
  const models = useModels();
  const modelId = useSettings((s) => s.model);
  const limit = models.find((m) => m.id === modelId)?.max_reference_images ?? 14;
  const { inputs, addFiles, remove, clear } = useAttachments(limit);
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [showOptions, setShowOptions] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const activeId = useConversations((s) => s.activeId);
  const busy = useGeneration((s) => Object.values(s.inflight).some((r) => r.conversationId === activeId));
  const stopConversation = useGeneration((s) => s.stopConversation);

  /** Text handed over by the prompt library: taken once, whether it came before or after the box appeared. */
  useEffect(() => {
    const take = (insert: string | null) => {
      if (insert === null) return;
      useUi.getState().insertPrompt(null);
      setText((cur) => (cur.trim() ? `${cur.trimEnd()}\n${insert}` : insert));
      area.current?.focus();
    };
    take(useUi.getState().promptInsert);
    return useUi.subscribe((state) => take(state.promptInsert));
  }, []);

  const submit = async () => {
    const prompt = text.trim();
    if (!prompt && inputs.length === 0) return;
    const conv = useConversations.getState();
    const conversationId = conv.activeId ?? (await conv.create(useSettings.getState().model)).id;
    const runs = useSettings.getState().batchCount;
    setText('');
    clear();
    void useGeneration.getState().send({ conversationId, prompt, inputs, options: currentOptions(), runs });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <div
      className={`relative mx-auto w-full max-w-3xl rounded-2xl border bg-white p-3 shadow-sm transition-colors dark:bg-zinc-900 ${dragging ? 'border-amber-400 ring-2 ring-amber-400/40' : 'border-zinc-200 dark:border-zinc-800'}`}
      data-tour="prompt"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void addFiles(e.dataTransfer.files);
      }}
    >
      {inputs.length > 0 ? (
        <div className="mb-2 flex flex-wrap gap-2" data-testid="attachments">
          {inputs.map((ref) => (
            <div key={ref.id} className="relative h-16 w-16">
              <StoredImage imageRef={ref} className="h-16 w-16 rounded-lg object-cover" />
              <button
                type="button"
                aria-label={t('prompt.removeImage')}
                onClick={() => remove(ref.id)}
                className="absolute -top-1.5 -right-1.5 h-5 w-5 rounded-full bg-zinc-900 text-xs text-white"
              >
                ✕
              </button>
            </div>
          ))}
          <span className="self-end text-xs text-zinc-500">
            {inputs.length}/{limit}
          </span>
        </div>
      ) : null}
      {SlashPicker ? (
        <SlashPicker
          text={text}
          caret={caret}
          onReplace={(next, pos) => {
            setText(next);
            requestAnimationFrame(() => area.current?.setSelectionRange(pos, pos));
          }}
        />
      ) : null}
      <textarea
        ref={area}
        value={text}
        data-testid="prompt-input"
        rows={2}
        placeholder={t('prompt.placeholder')}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          if (e.clipboardData.files.length) {
            e.preventDefault();
            void addFiles(e.clipboardData.files);
          }
        }}
        className="max-h-48 min-h-[3rem] w-full resize-y bg-transparent text-sm outline-none placeholder:text-zinc-400"
      />
      <div className="mt-2 flex flex-wrap items-end justify-between gap-2">
        <div className={`${showOptions ? 'block' : 'hidden'} w-full sm:block sm:w-auto sm:flex-1`}>
          <OptionsBar models={models} />
        </div>
        <div className="ml-auto flex items-center gap-2">
          <Button
            size="sm"
            variant="ghost"
            className="sm:hidden"
            aria-expanded={showOptions}
            onClick={() => setShowOptions(!showOptions)}
          >
            <Icon name="sliders" className="h-4 w-4" /> {t('prompt.options')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            multiple
            hidden
            onChange={(e) => {
              if (e.target.files) void addFiles(e.target.files);
              e.target.value = '';
            }}
          />
          <input
            ref={cameraInput}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            onChange={(e) => {
              if (e.target.files) void addFiles(e.target.files);
              e.target.value = '';
            }}
          />
          <Button
            size="icon"
            variant="ghost"
            aria-label={t('prompt.addImages')}
            title={t('prompt.addImages')}
            onClick={() => fileInput.current?.click()}
          >
            <Icon name="image" />
          </Button>
          <Button
            size="icon"
            variant="ghost"
            className="sm:hidden"
            aria-label={t('prompt.camera')}
            onClick={() => cameraInput.current?.click()}
          >
            <Icon name="camera" />
          </Button>
          {busy ? (
            <Button variant="danger" data-testid="stop-all" onClick={() => activeId && stopConversation(activeId)}>
              {t('generate.stop')}
            </Button>
          ) : null}
          <Button
            variant="primary"
            data-testid="send"
            disabled={!text.trim() && inputs.length === 0}
            onClick={() => void submit()}
          >
            {t('prompt.send')}
          </Button>
        </div>
      </div>
    </div>
  );
}
