// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '@/testing/i18n';
import { Lightbox } from './lightbox';

afterEach(cleanup);

const refs = ['a', 'b', 'c'].map((id) => ({ id, mimeType: 'image/png', url: `https://img.example/${id}.png` }));

describe('lightbox', () => {
  it('moves with the arrow keys and swipes, jumps by thumbnail and closes on Escape', () => {
    const onIndex = vi.fn();
    const onClose = vi.fn();
    render(<Lightbox images={refs} index={0} onIndex={onIndex} onClose={onClose} />);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(onIndex).toHaveBeenLastCalledWith(1);
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(onIndex).toHaveBeenLastCalledWith(2);
    const box = screen.getByTestId('lightbox');
    fireEvent.pointerDown(box, { clientX: 300 });
    fireEvent.pointerUp(box, { clientX: 100 });
    expect(onIndex).toHaveBeenLastCalledWith(1);
    expect(screen.getAllByRole('button').length).toBeGreaterThanOrEqual(3 + 2);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});
