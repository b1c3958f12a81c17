/** Weekday names as configured, Sunday first to match `Date#getUTCDay`. */
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a tier's clocks run: local opening hours in an IANA time zone, minus holidays (local `YYYY-MM-DD`). */
export interface BusinessHours {
  readonly timeZone: string;
  readonly days: readonly Weekday[];
  /** Local `HH:MM`, start before end; a window never crosses midnight. */
  readonly start: string;
  readonly end: string;
  readonly holidays?: readonly string[];
}

/**
 * How a tier measures time. `elapsed` is the clock time between two instants; `advance` is the instant at
 * which `ms` of clock time has run from `from`. Wall time when a tier has no business hours.
 */
export interface TierTime {
  elapsed(from: number, to: number): number;
  advance(from: number, ms: number): number;
}

export const WALL_TIME: TierTime = {
  elapsed: (from, to) => Math.max(0, to - from),
  advance: (from, ms) => from + ms,
};

const DAY = 86_400_000;
/** A calendar with no open day in two years is a configuration error, not a long wait. */
const MAX_DAYS = 731;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's local wall time at `instant`, read as if it were UTC (so date arithmetic stays in UTC). */
function localAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (instant % 1000);
}

/** The instant at which the zone's wall clock shows `local` (a local time read as UTC). */
function instantOf(local: number, timeZone: string): number {
  const guess = local - (localAsUtc(local, timeZone) - local);
  // Around a DST change the offset at the guess can differ from the offset at the answer: correct once.
  const offset = localAsUtc(guess, timeZone) - guess;
  return local - offset;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const minutesOf = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  return (h * 60 + m) * 60_000;
};

const isoDate = (localDay: number): string => new Date(localDay).toISOString().slice(0, 10);

/** Business time on the calendar `hours`: only open minutes of open, non-holiday days count. */
export function businessTime(hours: BusinessHours): TierTime {
  const open = minutesOf(hours.start);
  const close = minutesOf(hours.end);
  const days = new Set(hours.days.map((d) => WEEKDAYS.indexOf(d)));
  const holidays = new Set(hours.holidays ?? []);

  /** Open windows as instants, from the local day that contains `from` on. */
  function* windows(from: number): Generator<[number, number]> {
    const firstDay = Math.floor(localAsUtc(from, hours.timeZone) / DAY) * DAY;
    for (let i = 0; i < MAX_DAYS; i++) {
      const day = firstDay + i * DAY;
      if (!days.has(new Date(day).getUTCDay()) || holidays.has(isoDate(day))) continue;
      yield [instantOf(day + open, hours.timeZone), instantOf(day + close, hours.timeZone)];
    }
    throw new Error(`business hours in ${hours.timeZone} have no open day in ${MAX_DAYS} days`);
  }

  return {
    elapsed(from, to) {
      let total = 0;
      if (to <= from) return 0;
      for (const [start, end] of windows(from)) {
        if (start >= to) break;
        total += Math.max(0, Math.min(end, to) - Math.max(start, from));
      }
      return total;
    },
    advance(from, ms) {
      if (ms <= 0) return from;
      let left = ms;
      for (const [start, end] of windows(from)) {
        const begin = Math.max(start, from);
        if (begin >= end) continue;
        if (left <= end - begin) return begin + left;
        left -= end - begin;
      }
      throw new Error("unreachable: windows() ends by throwing");
    },
  };
}
