import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

import type { Connection } from "../api/client";

// Client state only. The key lives in sessionStorage: it is gone when the tab closes, and it is
// never put in a URL.
interface SettingsState extends Connection {
  setConnection: (connection: Connection) => void;
}

// Same origin when the API serves the built SPA (`make run`); `make web` points the dev server at :8000.
const defaultBaseUrl = import.meta.env.VITE_API_BASE_URL ?? "/api/v1";

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      baseUrl: defaultBaseUrl,
      apiKey: "",
      setConnection: ({ baseUrl, apiKey }) => set({ baseUrl, apiKey }),
    }),
    { name: "patientgen-settings", storage: createJSONStorage(() => sessionStorage) },
  ),
);

export function useConnection(): Connection {
  const baseUrl = useSettings((s) => s.baseUrl);
  const apiKey = useSettings((s) => s.apiKey);
  return { baseUrl, apiKey };
}
