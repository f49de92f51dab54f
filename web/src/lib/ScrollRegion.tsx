import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Holds a table that may be wider than its card: it scrolls sideways inside the card instead of
 * being cut off. While it is wider, the region is named and focusable, so that the keyboard
 * can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  // After every render too: rows arriving widen the table inside without resizing what the
  // observer below watches, and a scrolling region left unnamed is a nameless stop for the
  // keyboard (Chromium makes a scroller focusable by itself).
  useLayoutEffect(() => {
    const region = ref.current;
    if (region) setScrolls(region.scrollWidth > region.clientWidth);
  });

  useEffect(() => {
    const region = ref.current;
    if (!region) return;
    // Rows arriving or the window resizing change the size of the region or of its content.
    const observer = new ResizeObserver(() => setScrolls(region.scrollWidth > region.clientWidth));
    observer.observe(region);
    if (region.firstElementChild) observer.observe(region.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className="scroll-region"
      {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}
