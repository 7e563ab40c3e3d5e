// Calls `onShown` whenever the element becomes visible (e.g. its tab is
// selected: the views stay mounted, hidden, while other tabs are shown), so a
// view can reload what other views may have changed meanwhile.
import { useEffect, useRef, type RefObject } from 'react';

export function useOnShown(ref: RefObject<HTMLElement | null>, onShown: () => void): void {
  const callback = useRef(onShown);
  useEffect(() => {
    callback.current = onShown;
  }, [onShown]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) callback.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
}
