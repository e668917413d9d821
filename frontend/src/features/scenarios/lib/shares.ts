// A mix of shares that must sum to exactly 1 (injury mix, fronts, nations, warfare, outcome
// rows, triage weights). Edits happen in whole units of 0.01 % (WHOLE = 100 %) so the sum can be
// kept exact: setting one entry spreads the difference over the others.

/** 100 % in units of 0.01 %. */
export const WHOLE = 10_000;

export type Units = Record<string, number>;

/** A share (0…1) as units, rounded to 0.01 %. */
export const toUnits = (share: number): number => Math.round(share * WHOLE);
export const fromUnits = (units: number): number => units / WHOLE;

export function unitsOf(mix: Record<string, number>): Units {
  return Object.fromEntries(Object.entries(mix).map(([k, v]) => [k, toUnits(v)]));
}

export function sharesOf(units: Units): Record<string, number> {
  return Object.fromEntries(Object.entries(units).map(([k, v]) => [k, fromUnits(v)]));
}

export const total = (units: Units): number => Object.values(units).reduce((a, b) => a + b, 0);

/** What is left to assign, in units (negative when the mix is over 100 %). */
export const left = (units: Units): number => WHOLE - total(units);

/** Whether a mix of shares (0…1) sums to 1 as the API requires (±1e-6). */
export function isWhole(mix: Record<string, number>): boolean {
  const sum = Object.values(mix).reduce((a, b) => a + b, 0);
  return Math.abs(sum - 1) <= 1e-6;
}

/**
 * `amount` units spread over `keys` in proportion to `weights` (equally when they are all 0),
 * rounded by largest remainder so the parts add up to `amount` exactly.
 */
export function spread(amount: number, keys: string[], weights: Units): Units {
  if (keys.length === 0) return {};
  const sum = keys.reduce((a, k) => a + Math.max(0, weights[k] ?? 0), 0);
  const exact = keys.map((k) =>
    sum > 0 ? (amount * Math.max(0, weights[k] ?? 0)) / sum : amount / keys.length,
  );
  const parts = exact.map(Math.floor);
  let rest = amount - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; rest > 0 && keys.length > 0; j = (j + 1) % keys.length, rest -= 1) {
    parts[order[j]!.i]! += 1;
  }
  return Object.fromEntries(keys.map((k, i) => [k, parts[i]!]));
}

export interface SetOptions {
  /** Entries that keep their value. */
  locked?: ReadonlySet<string>;
  /** Entries that take up the difference first (e.g. "evacuate" in an outcome row). */
  absorb?: readonly string[];
}

/**
 * Sets `key` to `value` units and changes the other (unlocked) entries so the mix is exactly
 * 100 %: the difference goes to the `absorb` entries first, then to the rest in proportion to
 * their shares. The value is clamped to what the locked entries leave.
 */
export function setShare(units: Units, key: string, value: number, options: SetOptions = {}) {
  const keys = Object.keys(units);
  const locked = options.locked ?? new Set<string>();
  const free = keys.filter((k) => k !== key && !locked.has(k));
  const fixed = keys.filter((k) => k !== key && locked.has(k)).reduce((a, k) => a + units[k]!, 0);
  const room = Math.max(0, WHOLE - fixed);
  const mine = free.length === 0 ? room : Math.min(room, Math.max(0, Math.round(value)));
  const rest = room - mine;
  const next: Units = { ...units, [key]: mine };
  const absorb = (options.absorb ?? []).filter((k) => free.includes(k));
  if (absorb.length > 0) {
    // in order: the first absorbing entry takes (or gives) as much as it can, then the next …
    let change = free.reduce((a, k) => a + units[k]!, 0) - rest; // units to take from others
    if (change < 0) {
      next[absorb[0]!] = units[absorb[0]!]! - change;
      return next;
    }
    for (const k of absorb) {
      const take = Math.min(change, units[k]!);
      next[k] = units[k]! - take;
      change -= take;
    }
    const others = free.filter((k) => !absorb.includes(k));
    const othersNow = others.reduce((a, k) => a + units[k]!, 0);
    if (others.length > 0) Object.assign(next, spread(othersNow - change, others, units));
    return next;
  }
  if (free.length > 0) Object.assign(next, spread(rest, free, units));
  return next;
}

/** Scales the mix to exactly 100 % (in proportion; equally when every entry is 0). */
export function normalise(units: Units): Units {
  return spread(WHOLE, Object.keys(units), units);
}

/** Adds an entry: it takes what is left, or else an equal part, the others scaled down. */
export function addEntry(units: Units, key: string): Units {
  if (key in units) return units;
  const keys = Object.keys(units);
  const remaining = left(units);
  if (remaining > 0) return { ...units, [key]: remaining };
  const share = Math.floor(WHOLE / (keys.length + 1));
  return { ...spread(WHOLE - share, keys, units), [key]: share };
}

/** Removes an entry and gives its share to the others in proportion (the mix stays whole). */
export function removeEntry(units: Units, key: string): Units {
  const rest = Object.fromEntries(Object.entries(units).filter(([k]) => k !== key));
  const keys = Object.keys(rest);
  if (keys.length === 0) return rest;
  if (total(units) !== WHOLE) return rest;
  return spread(WHOLE, keys, rest);
}

/** "45.5" (percent as typed) → units, or null when it is not a number from 0 to 100. */
export function parsePercent(text: string): number | null {
  const trimmed = text.trim().replace(/%$/, "").trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value * 100);
}

/** Units as percent text: 4550 → "45.5", 10000 → "100". */
export function formatUnits(units: number): string {
  return String(Math.round(units) / 100);
}
