/**
 * A value built on first use and kept for the container's life; a failed build (a secret not readable yet)
 * is forgotten, so the next invocation tries again instead of failing forever.
 */
export function lazy<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= build().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
