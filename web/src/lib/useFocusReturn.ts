import { useEffect, useState } from 'react';
import { focusReturn } from './focusSuccessor.ts';

/**
 * For a dialog that closes by being unmounted (`{open && <Dialog />}`): gives the focus back to
 * what had it when the dialog opened, the button that opened it. antd returns the focus only at
 * the end of its closing animation, which an unmounted dialog never plays, and the focus fell to
 * the page's body: a keyboard user had to start again from the top of the page. Only a lost focus
 * is given back (not one already moved on); when the dialog's action removed its opener (a lifted
 * flag's row), to the control or heading nearest to where it was (lib/focusSuccessor.ts).
 */
export function useFocusReturn() {
  const [giveBack] = useState(() => focusReturn(document.activeElement));
  useEffect(() => () => void requestAnimationFrame(() => giveBack()), [giveBack]);
}
