// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '@/testing/i18n';
import { useAuth } from '@/stores/auth';
import { useUi } from '@/stores/ui';
import { ErrorNotice } from './error-notice';

afterEach(cleanup);

describe('generation errors', () => {
  beforeEach(() => {
    useAuth.getState().clear();
    useUi.setState({ dialog: null });
  });

  it('say what happened and offer the fix: redeem for no credits, the key dialog for a bad guest key', () => {
    render(<ErrorNotice kind="no_credits" message="insufficient credits" />);
    expect(screen.getByRole('alert').textContent).toContain('Not enough credits');
    fireEvent.click(screen.getByRole('button', { name: 'Redeem credits' }));
    expect(useUi.getState().dialog).toBe('redeem');
    cleanup();
    render(<ErrorNotice kind="bad_key" message="API key not valid" />);
    fireEvent.click(screen.getByRole('button', { name: 'Set key' }));
    expect(useUi.getState().dialog).toBe('key');
  });

  it('explains safety blocks and busy upstreams without a misleading button', () => {
    render(<ErrorNotice kind="safety" message="IMAGE_SAFETY" />);
    expect(screen.getByRole('alert').textContent).toContain('safety policy');
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();
    render(<ErrorNotice kind="busy" message="The model is overloaded" />);
    expect(screen.getByRole('alert').textContent).toContain('Upstream busy');
  });
});
