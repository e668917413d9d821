// How numbers and times read everywhere: thousands separators, 24-hour UTC with local time on hover.

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** 50000 → "50,000". */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** 12.345 → "12.3". */
export function formatDecimal(value: number): string {
  return decimal.format(value);
}

/** 0.1234 → "12.3%". */
export function formatPercent(value: number): string {
  return percent.format(value);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-28 18:00 UTC" (24-hour clock, UTC, seconds when asked). */
export function formatUtc(iso: string, seconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return `${day} ${time}${seconds ? `:${pad(date.getUTCSeconds())}` : ""} UTC`;
}

/** The same instant on the viewer's clock, e.g. "2026-11-28 19:00 local (Europe/Berlin)". */
export function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${day} ${time} local${zone ? ` (${zone})` : ""}`;
}

/** A UTC hour as "11-28 18:00" for chart axes. */
export function formatUtcHour(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:00`;
}

/** 83 → "1 min 23 s"; 7260 → "2 h 1 min"; under a second → "< 1 s". */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return "–";
  if (totalSeconds < 1) return "< 1 s";
  const s = Math.round(totalSeconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${rest} s`;
  return `${rest} s`;
}

/** Seconds between two ISO instants, or null when either is missing. */
export function secondsBetween(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  const ms = new Date(end).getTime() - new Date(start).getTime();
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/** Minutes as "42 min" or "3 h 5 min". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "–";
  if (minutes < 60) return `${formatDecimal(minutes)} min`;
  const h = Math.floor(minutes / 60);
  return `${h} h ${Math.round(minutes - h * 60)} min`;
}
