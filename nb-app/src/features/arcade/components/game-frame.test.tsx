// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '@/testing/i18n';
import { GameFrame } from './game-frame';

afterEach(cleanup);

describe('game keys', () => {
  it('are captured only while the game has focus', () => {
    const onKey = vi.fn(() => true);
    const { getByTestId } = render(
      <div>
        <textarea data-testid="prompt" />
        <GameFrame onKey={onKey}>game</GameFrame>
      </div>,
    );
    const prompt = getByTestId('prompt');
    act(() => prompt.focus());
    const outside = fireEvent.keyDown(prompt, { key: 'ArrowUp' });
    fireEvent.keyDown(window, { key: 'ArrowUp' });
    expect(onKey).not.toHaveBeenCalled();
    expect(outside).toBe(true);
    const frame = getByTestId('game-frame');
    const inside = fireEvent.keyDown(frame, { key: 'ArrowUp' });
    expect(onKey).toHaveBeenCalledWith('ArrowUp');
    expect(inside).toBe(false);
  });
});
