export function PatientRoute() {
  return null;
}
