import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import StepHandler from './StepHandler.tsx';

const arrow = (action: 'up' | 'down') =>
  renderToStaticMarkup(
    createElement(StepHandler, { prefixCls: 'ant-input-number', action, onStep: () => undefined }),
  );

describe('a number field’s step arrow', () => {
  it.each(['up', 'down'] as const)('%s: hidden from screen readers, no English name', (action) => {
    const html = arrow(action);
    expect(html).toMatch(/^<span[^>]*aria-hidden="true"/);
    expect(html).not.toContain('aria-label');
    expect(html).not.toContain('role="button"');
    // Still the arrow antd draws and steps with the mouse.
    expect(html).toContain(`ant-input-number-action-${action}`);
  });
});
