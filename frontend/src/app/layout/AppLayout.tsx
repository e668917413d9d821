import { useEffect, useRef } from "react";
import { NavLink, Outlet, useLocation, useNavigation } from "react-router";

import { paths } from "@/config/paths";
import { useConnection } from "@/lib/connection";
import { useMe } from "@/features/settings/api/get-me";

import "./layout.css";

/**
 * After moving to another page, focus goes to its heading (or the main region), as a screen reader
 * or keyboard user would otherwise stay on the link they used, or on nothing once it is gone.
 * Filters and pages within a page (the query string) keep the focus where it is.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const last = useRef(pathname);
  useEffect(() => {
    if (last.current === pathname) return;
    last.current = pathname;
    const main = document.getElementById("main");
    const heading = main?.querySelector("h1");
    if (heading && !heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    (heading ?? main)?.focus();
  }, [pathname]);
}

export function AppLayout({ children }: { children?: React.ReactNode }) {
  const signedIn = useConnection((s) => s.apiKey !== "" && !s.refused);
  const baseUrl = useConnection((s) => s.baseUrl);
  const apiKey = useConnection((s) => s.apiKey);
  // Keys is offered to admin keys only (the page itself says so to anyone else)
  const admin = useMe(baseUrl, signedIn ? apiKey : "").data?.is_admin === true;
  const navigation = useNavigation();
  useFocusOnNavigation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <NavLink to={paths.jobs.href()} className="brand" aria-label="PatientGen home">
            <span className="brand__mark" aria-hidden="true">
              +
            </span>
            PatientGen
          </NavLink>
          <nav aria-label="Main" className="app-nav">
            <NavLink to={paths.jobs.href()} end>
              Jobs
            </NavLink>
            <NavLink to={paths.scenarios.href()}>Scenarios</NavLink>
            {admin && <NavLink to={paths.keys.href()}>Keys</NavLink>}
            <NavLink to={paths.settings.href()}>
              Settings
              <span className={`app-nav__dot${signedIn ? " app-nav__dot--on" : ""}`}>
                <span className="visually-hidden">{signedIn ? " (signed in)" : " (no key)"}</span>
              </span>
            </NavLink>
          </nav>
        </div>
        {navigation.state === "loading" && (
          <div className="app-header__loading" aria-hidden="true" />
        )}
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
      <footer className="app-footer">
        Synthetic casualty data for exercises. Not real patients. Times are UTC (hover for local).
      </footer>
    </div>
  );
}
