import { Link } from "react-router";

import { Card } from "@/components/ui/card/Card";

import "./exports.css";

export interface PatientCardsNoteProps {
  /** The patient browser, filtered to patients like this one. */
  browserHref: string;
  /** The filters of that link in words ("triage T1, front North"). */
  selection: string;
}

/**
 * The patient's casualty cards. The export selects patients by the browser's filters only (no
 * single-patient selection), so the cards come from the browser's "Print cards", filtered to
 * patients like this one.
 */
export function PatientCardsNote({ browserHref, selection }: PatientCardsNoteProps) {
  return (
    <Card title="Cards (PDF)" meta="role-player, instructor and TCCC-style cards">
      <p>
        Cards are printed for a selection of patients: the API selects by the patient browser&apos;s
        filters, not by a single patient.{" "}
        <Link to={browserHref}>Print cards of patients like this one</Link> ({selection}) from the
        patient browser.
      </p>
    </Card>
  );
}
