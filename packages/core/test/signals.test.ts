import { describe, expect, it } from 'vitest';
import { abortable, DeadlineReached, MAX_TIMER_MS, withDeadline } from '../src/transport/signals.js';

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));

describe('withDeadline', () => {
  it('without a limit hands back the parent itself, or nothing', () => {
    const parent = new AbortController().signal;
    expect(withDeadline(parent, undefined, 'total').signal).toBe(parent);
    expect(withDeadline(undefined, undefined, 'total').signal).toBeUndefined();
    // Beyond what a timer can wait, a limit is no limit (setTimeout would fire at once instead).
    expect(withDeadline(parent, MAX_TIMER_MS + 1, 'total').signal).toBe(parent);
  });

  it('aborts with DeadlineReached once the limit passes', async () => {
    const { signal } = withDeadline(undefined, 20, 'total');
    const reason = await aborted(signal!);
    expect(reason).toBeInstanceOf(DeadlineReached);
    expect(reason).toMatchObject({ scope: 'total', ms: 20, name: 'TimeoutError' });
  });

  it("aborts with the parent's reason, at once when the parent already aborted", async () => {
    const parent = new AbortController();
    const limited = withDeadline(parent.signal, 60_000, 'total');
    const why = new Error('caller left');
    parent.abort(why);
    expect(limited.signal!.aborted).toBe(true);
    expect(limited.signal!.reason).toBe(why);
    limited.dispose();

    const early = withDeadline(AbortSignal.abort(why), 60_000, 'total');
    expect(early.signal!.reason).toBe(why);
  });

  it('after dispose, neither the timer nor the parent aborts it', async () => {
    const parent = new AbortController();
    const limited = withDeadline(parent.signal, 20, 'total');
    limited.dispose();
    parent.abort(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(limited.signal!.aborted).toBe(false);
  });
});

describe('abortable', () => {
  it('settles like the promise when the signal stays quiet', async () => {
    const signal = new AbortController().signal;
    await expect(abortable(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('no')), signal)).rejects.toThrow('no');
  });

  it("rejects with the signal's reason as soon as it aborts, or at once when it already has", async () => {
    const controller = new AbortController();
    const why = new Error('stop');
    const pending = abortable(new Promise(() => {}), controller.signal);
    controller.abort(why);
    await expect(pending).rejects.toBe(why);
    await expect(abortable(Promise.resolve(1), AbortSignal.abort(why))).rejects.toBe(why);
  });
});
