import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

import type { Scenario } from "@/lib/api/types";

import { stableJson } from "../lib/scenario-json";

// Client state: the scenarios being edited, kept in localStorage so a reload (or a crash, or
// leaving the page) never loses an edit. A draft of a saved scenario has the scenario's id as
// its id and remembers the saved version (`baseline`) to tell whether anything changed; a new
// draft (from a preset, an import or a duplicate) has an id of its own until it is saved.

export const DRAFTS_STORAGE_KEY = "patientgen-scenario-drafts";

export interface Draft {
  id: string;
  /** The saved scenario this draft edits; null until a new draft is saved. */
  scenarioId: string | null;
  scenario: Scenario;
  /** stableJson of the saved version (null for a new draft: everything is unsaved). */
  baseline: string | null;
  /** Where a new draft came from ("Preset: Urban", "Imported file …"). */
  origin?: string;
  updatedAt: string;
}

interface DraftsState {
  drafts: Record<string, Draft>;
  /** Starts a new, unsaved draft; returns its id. */
  createDraft: (scenario: Scenario, origin?: string) => string;
  /** Sets the draft's scenario (creating the draft of a saved scenario on its first edit). */
  edit: (
    id: string,
    scenario: Scenario,
    saved?: { scenarioId: string; scenario: Scenario },
  ) => void;
  /** After a save: the draft now matches the saved scenario `scenarioId`. */
  saved: (id: string, scenarioId: string) => void;
  discard: (id: string) => void;
}

const newId = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `d${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;

export const useDrafts = create<DraftsState>()(
  persist(
    (set) => ({
      drafts: {},
      createDraft: (scenario, origin) => {
        const id = newId();
        const draft: Draft = {
          id,
          scenarioId: null,
          scenario,
          baseline: null,
          origin,
          updatedAt: new Date().toISOString(),
        };
        set((state) => ({ drafts: { ...state.drafts, [id]: draft } }));
        return id;
      },
      edit: (id, scenario, saved) =>
        set((state) => {
          const current = state.drafts[id];
          const base: Draft = current ?? {
            id,
            scenarioId: saved?.scenarioId ?? null,
            scenario,
            baseline: saved ? stableJson(saved.scenario) : null,
            updatedAt: "",
          };
          return {
            drafts: {
              ...state.drafts,
              [id]: { ...base, scenario, updatedAt: new Date().toISOString() },
            },
          };
        }),
      saved: (id, scenarioId) =>
        set((state) => {
          const rest = { ...state.drafts };
          delete rest[id];
          delete rest[scenarioId];
          // the saved version is on the server; nothing is left to keep here
          return { drafts: rest };
        }),
      discard: (id) =>
        set((state) => {
          const rest = { ...state.drafts };
          delete rest[id];
          return { drafts: rest };
        }),
    }),
    {
      name: DRAFTS_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ drafts: state.drafts }),
    },
  ),
);

/** Whether a draft holds changes its saved version does not have. */
export function isDirty(draft: Draft | undefined): boolean {
  if (!draft) return false;
  return draft.baseline === null || draft.baseline !== stableJson(draft.scenario);
}
