import { create } from "zustand";

import { DEFAULT_API_BASE_URL } from "@/config/constants";

// Client state only: where the API is and which key to send. The key stays in this browser tab
// (sessionStorage) unless the user opts in to "remember on this device" (localStorage). It is
// sent as the X-API-Key header and never put in a URL.
const STORAGE_KEY = "patientgen-connection";

interface Saved {
  baseUrl: string;
  apiKey: string;
}

export interface ConnectionState extends Saved {
  remember: boolean;
  /** The API answered 401 to the current key: every page sends the user to Settings. */
  refused: boolean;
  signIn: (connection: Saved & { remember: boolean }) => void;
  signOut: () => void;
  markRefused: () => void;
}

function read(storage: Storage | undefined): Saved | null {
  try {
    const text = storage?.getItem(STORAGE_KEY);
    if (!text) return null;
    const value = JSON.parse(text) as Partial<Saved>;
    if (typeof value.baseUrl !== "string" || typeof value.apiKey !== "string") return null;
    return { baseUrl: value.baseUrl, apiKey: value.apiKey };
  } catch {
    return null;
  }
}

const local = typeof localStorage === "undefined" ? undefined : localStorage;
const session = typeof sessionStorage === "undefined" ? undefined : sessionStorage;

function initial(): Saved & { remember: boolean } {
  const remembered = read(local);
  if (remembered) return { ...remembered, remember: true };
  const tab = read(session);
  if (tab) return { ...tab, remember: false };
  return { baseUrl: DEFAULT_API_BASE_URL, apiKey: "", remember: false };
}

export const useConnection = create<ConnectionState>()((set) => ({
  ...initial(),
  refused: false,
  signIn: ({ baseUrl, apiKey, remember }) => {
    const text = JSON.stringify({ baseUrl, apiKey });
    session?.setItem(STORAGE_KEY, text);
    if (remember) local?.setItem(STORAGE_KEY, text);
    else local?.removeItem(STORAGE_KEY);
    set({ baseUrl, apiKey, remember, refused: false });
  },
  signOut: () => {
    session?.removeItem(STORAGE_KEY);
    local?.removeItem(STORAGE_KEY);
    set((state) => ({ baseUrl: state.baseUrl, apiKey: "", remember: false, refused: false }));
  },
  markRefused: () => set({ refused: true }),
}));

/** The API's origin-relative root (the generated paths carry the `/api/v1` prefix). */
export function apiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
}

/** An absolute URL for a path the API returned (e.g. a download ticket's `/api/v1/downloads/…`). */
export function resolveApiUrl(path: string, baseUrl = useConnection.getState().baseUrl): string {
  const base = new URL(baseUrl, globalThis.location?.href ?? "http://localhost/");
  return new URL(path, base.origin).href;
}
