import { cloneElement, type ReactElement } from 'react';
import Base, { type StepHandlerProps } from '@rc-component/input-number/es/StepHandler';

/**
 * antd's step arrows of a number field (InputNumber), hidden from assistive technology. antd
 * draws each as a `role="button"` named "Increase Value" / "Decrease Value" in English whatever
 * the language; they are not focusable, so no keyboard user ever reaches them. The field itself
 * is the control WCAG 4.1.2 asks for: a `spinbutton` with its value, minimum and maximum, which
 * the arrow keys step (and a screen reader's swipe up/down on a phone), as a native number field,
 * whose own arrows no screen reader announces either. Naming them would only add two controls
 * a screen reader lists and no keyboard can press. vite.config.ts puts this in place of antd's.
 */
export default function StepHandler(props: StepHandlerProps) {
  // Called, not rendered: its hooks are this component's own, and its span gains aria-hidden.
  const span = Base(props) as ReactElement<Record<string, unknown>>;
  return cloneElement(span, { 'aria-label': undefined, role: undefined, 'aria-hidden': true });
}
