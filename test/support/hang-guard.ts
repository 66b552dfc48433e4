// A bound that only guards against waiting forever. It never measures speed: the machines that run
// the suite are shared and noisy, so a slow answer is not a failure, and a missing one is reported
// as a hang, naming what was awaited. Speed is measured in `npm run bench`.
export const HANG_GUARD_MS = 20_000;

export async function settlesWithin<T>(what: string, promise: Promise<T>, ms = HANG_GUARD_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` until it holds; a condition that never holds is reported as a hang. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, ms = HANG_GUARD_MS): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`hang: ${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
