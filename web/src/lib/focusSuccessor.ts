/** The controls a keyboard reaches, in a row. */
const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';
/** A row of a table or a list: the place a removed control leaves in it. */
const ROW = 'tr, li, [role=row], [role=listitem]';
/** What titles a part of the page: a heading, or an antd card's title. */
const TITLE = 'h1, h2, h3, h4, h5, h6, [role=heading], .ant-card-head-title';
/** How long a control given the focus back is watched, for a list read again after it closed. */
const WATCH_MS = 10_000;

/** Whether the focus is nowhere: on the page's body, or in `closing` (what is going away). */
const focusLost = (closing?: Element | null) => {
  const active = document.activeElement;
  return !active || active === document.body || !!closing?.contains(active);
};

/** The control at the same place in a row (or its last), when the row is still on the page. */
function controlIn(row: Element | null, index: number): HTMLElement | null {
  if (!row?.isConnected) return null;
  const controls = [...row.querySelectorAll<HTMLElement>(FOCUSABLE)];
  return controls[Math.min(index, controls.length - 1)] ?? null;
}

/** The titles before the control in the page's order: its list's or section's heading is last. */
function titlesBefore(control: Element): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(TITLE)].filter(
    (t) => t.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
}

/**
 * Where the focus should go if `control` leaves the page, worked out while it is still there:
 * its own row's control at the same place (the row stayed, the button changed), else the next
 * row's, else the previous row's, else the heading of its list or section (made focusable), or
 * when that went too (an application's actions with their heading, once it is withdrawn), the
 * nearest heading before it still on the page (the card's title around them).
 * A withdrawn row's button, a lifted flag's, took the focus with it to the page's body, and a
 * keyboard user started again from the top of the page.
 */
function successorOf(control: Element): () => HTMLElement | null {
  const row = control.closest(ROW);
  const index = row ? [...row.querySelectorAll(FOCUSABLE)].indexOf(control) : 0;
  const next = row?.nextElementSibling ?? null;
  const previous = row?.previousElementSibling ?? null;
  const titles = titlesBefore(control);
  return () => {
    const found = controlIn(row, index) ?? controlIn(next, index) ?? controlIn(previous, index);
    if (found) return found;
    const title = titles.findLast((t) => t.isConnected);
    if (!title) return null;
    if (!title.matches(FOCUSABLE)) title.tabIndex = -1;
    return title;
  };
}

/** For a while, moves the focus to the successor if the control leaves the page with it. */
function watch(control: Element, successor: () => HTMLElement | null) {
  const observer = new MutationObserver(() => {
    if (control.isConnected) return;
    observer.disconnect();
    if (focusLost()) successor()?.focus();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), WATCH_MS);
}

/**
 * Keeps the focus near `control`: for a while, if the control leaves the page while the focus is
 * lost (on the page's body), the focus goes to its successor (successorOf). For an action that
 * removes its own button once the server has answered and the list is read again.
 */
export function keepFocusNear(control: Element) {
  watch(control, successorOf(control));
}

/**
 * For a dialog or a confirmation opening now from `opener`: what gives the focus back when it
 * has closed and left the focus nowhere (or in itself, `closing`, still fading out) — to the opener, or to its successor if the dialog's
 * action removed it; and if the opener is removed a moment later (the list read again), to its
 * successor then.
 */
export function focusReturn(opener: Element | null): (closing?: Element | null) => void {
  if (!(opener instanceof HTMLElement)) return () => undefined;
  const successor = successorOf(opener);
  return (closing) => {
    if (!focusLost(closing)) return;
    if (!opener.isConnected) {
      successor()?.focus();
      return;
    }
    opener.focus();
    watch(opener, successor);
  };
}
