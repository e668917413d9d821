import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, NavLink, Outlet, RouterProvider } from "react-router";

import { JobPage } from "./pages/JobPage";
import { JobsPage } from "./pages/JobsPage";
import { SettingsPage } from "./pages/SettingsPage";

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 2000 } } });

function Layout() {
  return (
    <>
      <nav>
        <strong>PatientGen</strong> <NavLink to="/">Jobs</NavLink>{" "}
        <NavLink to="/settings">Settings</NavLink>
      </nav>
      <main>
        <Outlet />
      </main>
    </>
  );
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/", element: <JobsPage /> },
      { path: "/jobs/:jobId", element: <JobPage /> },
      { path: "/settings", element: <SettingsPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
