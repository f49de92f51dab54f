import { Popconfirm, type PopconfirmProps } from 'antd';
import { useId, useRef } from 'react';

/**
 * antd's Popconfirm with the keyboard's focus in it. antd draws the confirmation at the end of the
 * page and leaves the focus on the button that opened it, so a keyboard user reached its buttons
 * only after every later control of the page; the focus now moves to its confirm button when it
 * opens, and back to the button that opened it when it closes (if it was left nowhere).
 */
export function KeyboardPopconfirm({
  okButtonProps,
  onOpenChange,
  afterOpenChange,
  ...props
}: PopconfirmProps) {
  const id = useId();
  const opener = useRef<Element | null>(null);
  /** Whether the focus is nowhere, or still in the closing confirmation. */
  const focusLeftBehind = () => {
    const active = document.activeElement;
    const popup = document.getElementById(id)?.closest('.ant-popover');
    return !active || active === document.body || !!popup?.contains(active);
  };
  return (
    <Popconfirm
      {...props}
      okButtonProps={{ ...okButtonProps, id }}
      onOpenChange={(open) => {
        if (open) opener.current = document.activeElement;
        else if (focusLeftBehind() && opener.current instanceof HTMLElement) {
          opener.current.focus();
        }
        onOpenChange?.(open);
      }}
      afterOpenChange={(open) => {
        if (open) document.getElementById(id)?.focus();
        afterOpenChange?.(open);
      }}
    />
  );
}
