/**
 * Stands in for the `debug` package in the Lambda bundles. grammY and its auto-retry plugin log through it
 * only when the DEBUG variable names them, which a deployed function never does; the package and its
 * colour and TTY detection were 10 KiB of every bundle. `DEBUG=grammy*` still works in the local stack.
 */
type DebugLogger = ((...args: unknown[]) => void) & { enabled: boolean; namespace: string };

export function debug(namespace: string): DebugLogger {
  return Object.assign(() => {}, { enabled: false, namespace });
}

export default debug;
