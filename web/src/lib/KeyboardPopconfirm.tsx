import { Popconfirm, type PopconfirmProps } from 'antd';
import { useId, useRef } from 'react';
import { focusReturn } from './focusSuccessor.ts';

/**
 * antd's Popconfirm with the keyboard's focus in it. antd draws the confirmation at the end of the
 * page and leaves the focus on the button that opened it, so a keyboard user reached its buttons
 * only after every later control of the page; the focus now moves to its confirm button when it
 * opens, and back to the button that opened it when it closes (if it was left nowhere), or near
 * where it was if the confirmed action removed it (lib/focusSuccessor.ts).
 */
export function KeyboardPopconfirm({
  okButtonProps,
  onOpenChange,
  afterOpenChange,
  ...props
}: PopconfirmProps) {
  const id = useId();
  const giveBack = useRef<ReturnType<typeof focusReturn>>(() => undefined);
  return (
    <Popconfirm
      {...props}
      okButtonProps={{ ...okButtonProps, id }}
      onOpenChange={(open) => {
        if (open) giveBack.current = focusReturn(document.activeElement);
        // The focus may still be in the closing confirmation: lost all the same.
        else giveBack.current(document.getElementById(id)?.closest('.ant-popover'));
        onOpenChange?.(open);
      }}
      afterOpenChange={(open) => {
        if (open) document.getElementById(id)?.focus();
        afterOpenChange?.(open);
      }}
    />
  );
}
