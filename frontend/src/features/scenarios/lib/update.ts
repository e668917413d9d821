/** A copy of `value` with `path` set to `next`; only the objects along the path are copied. */
export function setIn<T>(value: T, path: readonly (string | number)[], next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setIn(copy[head as number], rest, next);
    return copy as T;
  }
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [head as string]: setIn(object[head as string], rest, next) } as T;
}

/** Reads `path` from `value` (undefined where it does not exist). */
export function getIn(value: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}
