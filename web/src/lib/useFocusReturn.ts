import { useEffect, useState } from 'react';

/**
 * For a dialog that closes by being unmounted (`{open && <Dialog />}`): gives the focus back to
 * what had it when the dialog opened, the button that opened it. antd returns the focus only at
 * the end of its closing animation, which an unmounted dialog never plays, and the focus fell to
 * the page's body: a keyboard user had to start again from the top of the page. Only a lost focus
 * is given back (not one already moved on), and only to an opener still on the page.
 */
export function useFocusReturn() {
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      requestAnimationFrame(() => {
        const lost = !document.activeElement || document.activeElement === document.body;
        if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus();
      });
    },
    [opener],
  );
}
