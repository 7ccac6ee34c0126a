/**
 * Lets the event loop run queued tasks (a cancel message, other tabs' broadcasts) in the middle of a long command.
 * A message round trip rather than setTimeout(0): nested timers are clamped to 4 ms, a MessageChannel is not.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
