export function PatientsRoute() {
  return null;
}
