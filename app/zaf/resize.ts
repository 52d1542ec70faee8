import type { ZafClient } from './types';

/** The part of ResizeObserver used here, so tests can hand in their own. */
export interface SizeObserver {
  observe(target: Element): void;
  disconnect(): void;
}
export type SizeObserverFactory = (onResize: () => void) => SizeObserver;

const browserObserver: SizeObserverFactory = (onResize) => new ResizeObserver(onResize);

/**
 * Keeps the app's iframe as tall as its content: each time the element's height changes,
 * asks Zendesk to resize the frame. Returns the function that stops watching.
 */
export function fitFrameToContent(
  client: ZafClient,
  element: HTMLElement,
  makeObserver: SizeObserverFactory = browserObserver,
): () => void {
  let last = -1;
  const report = (): void => {
    const height = Math.ceil(element.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    void client.invoke('resize', { width: '100%', height: `${height}px` });
  };
  const observer = makeObserver(report);
  observer.observe(element);
  report();
  return () => observer.disconnect();
}
