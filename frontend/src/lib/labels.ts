import { RoleValues, TriageValues } from "@/lib/api/enums";
import type { FinalStatus, InjuryType, Role } from "@/lib/api/types";

export const ROLE_LABEL: Record<Role, string> = {
  POI: "Point of injury",
  R1: "Role 1",
  R2: "Role 2",
  R3: "Role 3",
  R4: "Role 4",
};

export const OUTCOME_LABEL: Record<FinalStatus, string> = {
  RTD: "Returned to duty",
  KIA: "Killed in action",
  DOW: "Died of wounds",
  EVACUATED: "Evacuated",
};

export const INJURY_LABEL: Record<InjuryType, string> = {
  BATTLE_INJURY: "Battle injury",
  NON_BATTLE_INJURY: "Non-battle injury",
  DISEASE: "Disease",
};

export const ROLES: readonly Role[] = RoleValues;
/** Outcomes in reading order (best first), not the API's. */
export const OUTCOMES: FinalStatus[] = ["RTD", "EVACUATED", "DOW", "KIA"];
export const TRIAGES = TriageValues;
export const INJURY_TYPES: InjuryType[] = ["BATTLE_INJURY", "NON_BATTLE_INJURY", "DISEASE"];
