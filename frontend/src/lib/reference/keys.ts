/** Query keys of the reference catalogs (`GET /reference/*`): they never change while the app runs. */
export const referenceKeys = {
  all: ["reference"] as const,
  presets: () => [...referenceKeys.all, "presets"] as const,
  preset: (presetId: string) => [...referenceKeys.presets(), presetId] as const,
  nations: () => [...referenceKeys.all, "nations"] as const,
  warfareTypes: () => [...referenceKeys.all, "warfare-types"] as const,
  facilities: () => [...referenceKeys.all, "facilities"] as const,
};
