// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '@/testing/i18n';
import { KeyDialog } from '@/features/generate/components/key-dialog';
import { useAuth } from '@/stores/auth';
import { useUi } from '@/stores/ui';
import { Header } from './header';

afterEach(cleanup);

const user = { id: 1, email: 'a@b.c', nickname: null, role: 'user', credits: 42, created_at: '' };

function Screen() {
  return (
    <MemoryRouter>
      <Header />
      <KeyDialog />
    </MemoryRouter>
  );
}

describe('access modes', () => {
  beforeEach(() => {
    useAuth.getState().clear();
    useUi.setState({ dialog: null });
  });

  it('guests get the key button; logged-in users get the credits chip and no key UI at all', () => {
    const { rerender } = render(<Screen />);
    expect(screen.queryByTestId('key-button')).not.toBeNull();
    expect(screen.queryByTestId('credits-chip')).toBeNull();
    act(() => {
      useAuth.setState({ accessToken: 'jwt', user });
    });
    rerender(<Screen />);
    expect(screen.queryByTestId('key-button')).toBeNull();
    expect(screen.getByTestId('credits-chip').textContent).toContain('42');
  });

  it('an open key dialog closes when the person logs in', () => {
    render(<Screen />);
    act(() => useUi.getState().open('key'));
    expect(screen.queryByTestId('key-dialog')).not.toBeNull();
    act(() => {
      useAuth.setState({ accessToken: 'jwt', user });
    });
    expect(screen.queryByTestId('key-dialog')).toBeNull();
    expect(useUi.getState().dialog).toBeNull();
  });
});
