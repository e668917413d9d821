import { createBrowserRouter, Navigate, Outlet, useLocation, type RouteObject } from "react-router";

import { paths } from "@/config/paths";

import { Loading } from "@/components/ui/loading/Loading";

import { AppLayout } from "./layout/AppLayout";
import { RequireKey } from "./require-key";
import { JobsRoute } from "./routes/jobs";
import { NotFoundRoute } from "./routes/not-found";
import { RouteError } from "./routes/route-error";
import { SettingsRoute } from "./routes/settings";

/** `/jobs` (typed or bookmarked) is the jobs list at `/`: replaced, keeping query and hash. */
function ToJobs() {
  const { search, hash } = useLocation();
  return <Navigate to={{ pathname: paths.jobs.href(), search, hash }} replace />;
}

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    // shown while the first page's code loads (a lazy route opened directly)
    hydrateFallbackElement: (
      <AppLayout>
        <Loading />
      </AppLayout>
    ),
    // a crash outside the pages (the layout itself): still a page, not the router's dev screen
    errorElement: (
      <AppLayout>
        <RouteError />
      </AppLayout>
    ),
    children: [
      {
        // errors of a page show inside the layout
        errorElement: <RouteError />,
        children: [
          {
            // pages that need a key (checked before a page's code is even loaded)
            element: (
              <RequireKey>
                <Outlet />
              </RequireKey>
            ),
            children: [
              { path: paths.jobs.path, element: <JobsRoute /> },
              {
                path: paths.scenarios.path,
                lazy: async () => ({
                  Component: (await import("./routes/scenarios")).ScenariosRoute,
                }),
              },
              {
                // the editor (and its preview charts) load with the first editor page
                path: paths.scenarioDraft.path,
                lazy: async () => ({
                  Component: (await import("./routes/scenario-editor")).ScenarioDraftRoute,
                }),
              },
              {
                path: paths.scenario.path,
                lazy: async () => ({
                  Component: (await import("./routes/scenario-editor")).ScenarioRoute,
                }),
              },
              {
                path: paths.patients.path,
                lazy: async () => ({
                  Component: (await import("./routes/patients")).PatientsRoute,
                }),
              },
              {
                path: paths.patient.path,
                lazy: async () => ({ Component: (await import("./routes/patient")).PatientRoute }),
              },
              {
                path: paths.keys.path,
                lazy: async () => ({ Component: (await import("./routes/keys")).KeysRoute }),
              },
              {
                path: paths.job.path,
                // the dashboard (ECharts) loads with the first job page, not with the list
                lazy: async () => ({ Component: (await import("./routes/job")).JobRoute }),
              },
            ],
          },
          { path: paths.jobsAlias.path, element: <ToJobs /> },
          { path: paths.settings.path, element: <SettingsRoute /> },
          { path: "*", element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export function makeRouter() {
  return createBrowserRouter(routes);
}
