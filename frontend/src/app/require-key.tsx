import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";

import { paths } from "@/config/paths";
import { useConnection } from "@/lib/connection";

/**
 * Pages that need a key: without one, or once the API refused it, go to Settings and come back
 * here afterwards (nothing is fetched, so nothing hangs on "Loading…").
 */
export function RequireKey({ children }: { children: ReactNode }) {
  const apiKey = useConnection((s) => s.apiKey);
  const refused = useConnection((s) => s.refused);
  const location = useLocation();
  if (!apiKey || refused) {
    const here = location.pathname + location.search + location.hash;
    return <Navigate to={paths.settings.href(here, refused ? "refused" : "missing")} replace />;
  }
  return <>{children}</>;
}
