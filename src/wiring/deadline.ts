export class DeadlinePassed extends Error {
  override readonly name = "DeadlinePassed";
}

/**
 * `work`, or a DeadlinePassed rejection once `ms` have gone by without it settling. The work itself goes on
 * (its result is dropped): for a read that is only worth having while it is quick.
 */
export function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlinePassed(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
