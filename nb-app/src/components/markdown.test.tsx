// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from './markdown';

afterEach(cleanup);

describe('model text', () => {
  it('renders Markdown but never raw HTML', () => {
    const { container } = render(
      <Markdown
        text={'**bold** <img src=x onerror="alert(1)"> <script>alert(2)</script> [link](https://example.com)'}
      />,
    );
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com');
  });
});
