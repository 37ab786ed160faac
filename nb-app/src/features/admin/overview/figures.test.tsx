// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import '@/testing/i18n';
import { missingKeys } from '@/testing/translations';
import type { Overview } from '../api/stats';
import { Figures, PERIODS } from './figures';

afterEach(cleanup);

const generationWindow = (total: number, succeeded: number) => ({
  attempts: total,
  by_model: {},
  credits_spent: succeeded * 10,
  failed: total - succeeded,
  refunded: 0,
  retries: 0,
  succeeded,
  total,
});

const overview: Overview = {
  as_of: null,
  timezone: 'UTC',
  pending_generations: 2,
  users: { total: 40, active_today: 5, new_today: 3 },
  generations: { today: generationWindow(8, 6) },
  credits: { today: { adjusted: 0, charged: 60, redeemed: 100, refunded: 0, signup: 0, spent: 60 } },
  pool: { active: 1, cooling: 0, disabled: 0, invalid: 0, total: 2 },
};

const figure = (label: string) => screen.getByText(label).nextElementSibling?.textContent;

describe('overview figures', () => {
  it('every period has a translated name', () => {
    expect(missingKeys('admin.overview.periods', PERIODS)).toEqual([]);
  });

  it('shows the numbers of the chosen period and zeros for a period the backend did not send', () => {
    const { rerender } = render(<Figures data={overview} period="today" />);
    expect(figure('Success rate')).toBe('75%');
    expect(figure('Usable keys / total')).toBe('1 / 2');
    expect(figure('In progress')).toBe('2');
    rerender(<Figures data={overview} period="last_7_days" />);
    expect(figure('Success rate')).toBe('—');
    expect(figure('Generations')).toBe('0');
  });
});
