/**
 * A small promise pool for the readers: runs `fn` over `items` with at most `limit` calls in flight and
 * returns the results in input order (so the caller never depends on completion order). After the first
 * failure no new item starts; the calls in flight are awaited, then the first error is thrown
 * (the same guarantees as aws-cdk's concurrency.ts).
 */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
