import { createContext, useContext, type ReactNode } from "react";

/** The server's 422 messages by the editor path they are shown at. */
const FieldErrorsContext = createContext<ReadonlyMap<string, string[]>>(new Map());

export function FieldErrorsProvider({
  errors,
  children,
}: {
  errors: ReadonlyMap<string, string[]>;
  children: ReactNode;
}) {
  return <FieldErrorsContext.Provider value={errors}>{children}</FieldErrorsContext.Provider>;
}

/** The messages shown at one control or group (null when it has none). */
export function useFieldError(path: string): string | null {
  const messages = useContext(FieldErrorsContext).get(path);
  return messages?.length ? messages.join(" ") : null;
}

/** Every message by path (for a group that lays out its members' errors itself). */
export function useFieldErrors(): ReadonlyMap<string, string[]> {
  return useContext(FieldErrorsContext);
}
