/** Clock-skew correction: the server's time from its `Date` header, and the time to sign with. */
/**
 * Server times a clock correction may move to: a `Date` outside this window is not the time anywhere
 * (`Sat, 13 Sep 275760`) and would leave every later signature unformattable.
 */
export const PLAUSIBLE_SERVER_TIME = { from: Date.UTC(2020, 0, 1), to: Date.UTC(2100, 0, 1) } as const;

/**
 * Offset to add to the local clock so signatures carry the server's time: server `Date` minus the
 * local time the response arrived. Undefined without a readable `Date` header, or when that date lies
 * outside {@link PLAUSIBLE_SERVER_TIME} (then no correction is made).
 */
export function clockOffsetFrom(dateHeader: string | null | undefined, localNow: number): number | undefined {
  if (!dateHeader) return undefined;
  const serverTime = Date.parse(dateHeader);
  if (!(serverTime >= PLAUSIBLE_SERVER_TIME.from && serverTime < PLAUSIBLE_SERVER_TIME.to)) return undefined;
  return serverTime - localNow;
}

/**
 * The signing time for a clock offset: `now + offset`, or `now` when that would leave the plausible window
 * (an offset learned long ago, a local clock that has since been fixed).
 */
export function signingTime(now: number, offset: number): Date {
  const corrected = now + offset;
  return corrected >= PLAUSIBLE_SERVER_TIME.from && corrected < PLAUSIBLE_SERVER_TIME.to
    ? new Date(corrected)
    : new Date(now);
}
