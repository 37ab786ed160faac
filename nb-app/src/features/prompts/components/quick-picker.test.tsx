// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '@/testing/i18n';
import { PromptQuickPicker } from './quick-picker';

afterEach(cleanup);

describe('prompt quick picker', () => {
  it('opens on "/" and replaces only the trigger with the chosen prompt', async () => {
    const onReplace = vi.fn();
    const text = 'Keep this /packshot and this tail';
    render(<PromptQuickPicker text={text} caret={'Keep this /packshot'.length} onReplace={onReplace} />);
    await screen.findByTestId('quick-picker');
    fireEvent.keyDown(window, { key: 'Enter' });
    const [next, caret] = onReplace.mock.calls[0] as [string, number];
    expect(next.startsWith('Keep this Place the product')).toBe(true);
    expect(next.endsWith(' and this tail')).toBe(true);
    expect(next.includes('/packshot')).toBe(false);
    expect(next.slice(caret)).toBe(' and this tail');
  });

  it('stays closed when the slash is part of a word', () => {
    render(<PromptQuickPicker text="ratio 16/9" caret={10} onReplace={vi.fn()} />);
    expect(screen.queryByTestId('quick-picker')).toBeNull();
  });
});
