import { useState } from "react";

import { Alert, ErrorMessage } from "@/components/ui/alert/Alert";
import { Button } from "@/components/ui/button/Button";
import { Card } from "@/components/ui/card/Card";

import { cardsProblem, DEFAULT_CARDS, type CardChoice } from "../lib/cards";
import { CardOptionsFields } from "./CardOptionsFields";

import "./exports.css";

export interface PrintCardsPanelProps {
  /** Only a finished job exports. */
  available: boolean;
  /** The current filters in words ("triage T1, front North"); empty: the whole job. */
  selection: string;
  /** Whose cards, in words, where it is not a filtered selection ("patient 12"). */
  who?: string;
  /** The selection is known to hold no patient: nothing to print. */
  empty?: boolean;
  pending?: boolean;
  error?: unknown;
  /** A download was handed to the browser. */
  started?: boolean;
  onPrint: (choice: CardChoice) => void;
  initial?: CardChoice;
}

/** "Print cards": a casualty-card PDF of exactly the patients the current filters select (or of
 * one patient, on the patient's page). */
export function PrintCardsPanel({
  available,
  selection,
  who: subject,
  empty = false,
  pending = false,
  error,
  started = false,
  onPrint,
  initial = DEFAULT_CARDS,
}: PrintCardsPanelProps) {
  const [choice, setChoice] = useState<CardChoice>(initial);
  const who =
    subject ?? (selection ? `the patients matching ${selection}` : "every patient of the job");
  return (
    <Card title="Casualty cards" meta={`PDF of ${who}`}>
      {!available && (
        <Alert tone="info">
          <p>Cards can be printed when the job has completed.</p>
        </Alert>
      )}
      {available && empty && (
        <Alert tone="info">
          <p>No patients match these filters, so there are no cards to print.</p>
        </Alert>
      )}
      <div className="print-cards">
        <CardOptionsFields value={choice} onChange={setChoice} disabled={!available} />
        <div className="download-panel__actions">
          <Button
            variant="primary"
            disabled={!available || empty || cardsProblem(choice) !== null}
            busy={pending}
            onClick={() => onPrint(choice)}
          >
            Print cards
          </Button>
        </div>
      </div>
      {started && !pending && !error && (
        <p className="download-panel__started" role="status">
          Cards of {who} started downloading: see your browser&apos;s downloads.
        </p>
      )}
      <ErrorMessage error={error} title="The cards could not be downloaded." />
    </Card>
  );
}
