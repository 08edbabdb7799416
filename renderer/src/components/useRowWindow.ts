// Windowing for a list of fixed-height rows: only the rows in view (and a margin) are in the DOM, at `index × height`.
// Every row has one height, so this is arithmetic on the scroll position — no measuring library needed (TanStack
// Virtual cost 10 KB of the renderer's 110 KB budget for sizes these lists never vary).
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First and one-past-last index of the rows to render. */
  readonly first: number;
  readonly end: number;
  readonly totalHeight: number;
  /** Scrolls as little as needed to bring a row into view. */
  scrollToIndex(index: number): void;
}

export function useRowWindow(ref: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 10): RowWindow {
  const [range, setRange] = useState({ top: 0, height: 0 });
  const mounted = count > 0;
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Only a change of the rendered range re-renders; scrolling within a row does not.
    const update = () =>
      setRange((current) => {
        const top = Math.floor(element.scrollTop / rowHeight);
        const height = Math.ceil(element.clientHeight / rowHeight) + 1;
        return current.top === top && current.height === height ? current : { top, height };
      });
    update();
    element.addEventListener('scroll', update, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, [ref, rowHeight, mounted]);
  const scrollToIndex = useCallback(
    (index: number) => {
      const element = ref.current;
      if (!element) return;
      const top = index * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
    },
    [ref, rowHeight],
  );
  return {
    first: Math.max(0, Math.min(count, range.top) - overscan),
    end: Math.min(count, range.top + range.height + overscan),
    totalHeight: count * rowHeight,
    scrollToIndex,
  };
}
