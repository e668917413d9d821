import { MAX_PATIENTS } from "@/config/constants";

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const PLAIN = /^\d+$/;
const GROUPED = /^\d{1,3}(,\d{3})+$/;

/**
 * A patient count as typed: "50000" or "50,000" (commas only as thousands separators). Anything
 * else is refused with a message for the field; the result is never NaN or null.
 */
export function parsePatientCount(text: string, max = MAX_PATIENTS): Parsed {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Enter how many patients to generate." };
  if (!PLAIN.test(trimmed) && !GROUPED.test(trimmed)) {
    return {
      ok: false,
      message: "Enter a whole number, e.g. 50,000 or 50000 (digits, commas between thousands).",
    };
  }
  const value = Number(trimmed.replaceAll(",", ""));
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    return { ok: false, message: `Enter a number from 1 to ${max.toLocaleString("en-US")}.` };
  }
  return { ok: true, value };
}

/** An optional seed: empty means "let the server pick"; else a whole number 0 … 2^53−1. */
export function parseSeed(
  text: string,
): { ok: true; value?: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true };
  if (!PLAIN.test(trimmed)) return { ok: false, message: "A seed is a whole number, e.g. 42." };
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value)) {
    return { ok: false, message: "Seeds above 9,007,199,254,740,991 are not supported here." };
  }
  return { ok: true, value };
}
