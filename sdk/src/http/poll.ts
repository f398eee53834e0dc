import { isTransient, RegieApiError } from './api-error.js';

export interface PollOptions<T> {
  /** Time between the end of one request and the start of the next (ms). Default 1500. */
  intervalMs?: number;
  /**
   * Told about every failed request. Polling goes on after errors that can heal
   * (no connection, 429, 5xx) and stops after the others.
   */
  onError?: (error: RegieApiError) => void;
  /** Stops polling once this says the value is final; that value is still reported. */
  isFinal?: (value: T) => boolean;
}

/**
 * Asks `read` now and then again `intervalMs` after each answer, never two
 * requests at once. Returns the function that stops it.
 */
export function poll<T>(read: () => Promise<T>, onValue: (value: T) => void, options: PollOptions<T> = {}): () => void {
  const intervalMs = options.intervalMs ?? 1500;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async (): Promise<void> => {
    let next: boolean;
    try {
      const value = await read();
      if (stopped) return;
      onValue(value);
      next = !options.isFinal?.(value);
    } catch (error) {
      if (stopped) return;
      const apiError = error instanceof RegieApiError ? error : new RegieApiError(0, 'unknown', String(error));
      next = isTransient(apiError);
      options.onError?.(apiError);
    }
    if (next && !stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
