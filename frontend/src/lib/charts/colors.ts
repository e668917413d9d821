import type { FinalStatus, InjuryType, Triage } from "@/lib/api/types";

// Chart colours, read from the design tokens (src/styles/tokens.css) so there is one source; the
// fallbacks are the same values, for environments without the stylesheet.
function token(name: string, fallback: string): string {
  if (typeof document === "undefined") return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function triageColor(triage: Triage): string {
  const fallback = { T1: "#c62828", T2: "#f9c513", T3: "#2e7d32", T4: "#1565c0" }[triage];
  return token(`--triage-${triage.toLowerCase()}`, fallback);
}

export function deadColor(): string {
  return token("--triage-dead", "#111111");
}

export function outcomeColor(status: FinalStatus): string {
  switch (status) {
    case "RTD":
      return token("--triage-t3", "#2e7d32");
    case "EVACUATED":
      return token("--triage-t4", "#1565c0");
    case "KIA":
      return deadColor();
    case "DOW":
      return "#4a4a4a";
  }
}

export const INJURY_COLOR: Record<InjuryType, string> = {
  BATTLE_INJURY: "#b3261e",
  NON_BATTLE_INJURY: "#b7791f",
  DISEASE: "#5e35b1",
};

export function primaryColor(): string {
  return token("--color-primary", "#1d4f91");
}

export function dangerColor(): string {
  return token("--color-danger", "#b3261e");
}

export function mutedColor(): string {
  return token("--color-text-muted", "#4b5563");
}
