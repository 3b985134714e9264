/** What the client needs from the outside world besides fetch; tests swap it to avoid real waiting. */
export interface Runtime {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
  now(): number;
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts. Leaves nothing behind either way: no timer
 * that keeps the process alive after an abort, no listener on a long-lived signal after the wait.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort);
  });
}

export const defaultRuntime: Runtime = { sleep, random: Math.random, now: Date.now };
