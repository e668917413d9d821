import { useRef, useState } from "react";

import { Alert, ErrorMessage } from "@/components/ui/alert/Alert";
import { Button } from "@/components/ui/button/Button";
import { Card } from "@/components/ui/card/Card";
import { SelectField } from "@/components/ui/field/Field";
import type { Archive, ExportFormat } from "@/lib/api/types";

import type { DownloadRequest } from "../api/create-download";
import { cardsProblem, DEFAULT_CARDS, type CardChoice } from "../lib/cards";
import { ARCHIVE_LABEL, archivesFor, fitArchive, FORMATS } from "../lib/formats";
import { CardOptionsFields } from "./CardOptionsFields";
import { PasswordDialog } from "./PasswordDialog";

import "./exports.css";

export interface DownloadPanelProps {
  /** Only a finished job exports (the API answers 409 while it runs). */
  available: boolean;
  /** Why not, when not available. */
  reason?: string;
  pending?: boolean;
  error?: unknown;
  /** The last download handed to the browser, to confirm it started. */
  started?: DownloadRequest | null;
  onDownload: (request: DownloadRequest) => void;
  initialPasswordOpen?: boolean;
  initialFormat?: ExportFormat;
}

/** Pick a format and an archive; download it as is or as an AES-256 encrypted ZIP. */
export function DownloadPanel({
  available,
  reason,
  pending = false,
  error,
  started,
  onDownload,
  initialPasswordOpen = false,
  initialFormat = "ndjson",
}: DownloadPanelProps) {
  const [format, setFormat] = useState<ExportFormat>(initialFormat);
  const [cards, setCards] = useState<CardChoice>(DEFAULT_CARDS);
  const [archive, setArchive] = useState<Archive>("none");
  const [passwordOpen, setPasswordOpen] = useState(initialPasswordOpen);
  // where the focus goes when the password dialog closes: back to its button, or (after a
  // download was asked for, which disables that button) to this panel's heading
  const downloadAsked = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const encryptedButton = useRef<HTMLButtonElement>(null);
  const info = FORMATS.find((f) => f.format === format);
  const chosenArchive = fitArchive(format, archive);
  const isCards = format === "cards-pdf";
  // cards-pdf's print options go with its request only
  const request = (packed: Archive, password?: string): DownloadRequest => ({
    format,
    archive: packed,
    ...(password ? { password } : {}),
    ...(isCards ? { card_options: { ...cards, cards: [...cards.cards] } } : {}),
  });
  const blocked = !available || (isCards && cardsProblem(cards) !== null);

  return (
    <Card
      title="Download"
      meta="streams to disk through your browser's downloads"
      titleRef={heading}
    >
      {!available && (
        <Alert tone="info">
          <p>{reason ?? "Downloads open when the job has completed."}</p>
        </Alert>
      )}
      <div className="download-panel">
        <SelectField
          label="Format"
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
          options={FORMATS.map((f) => ({ value: f.format, label: f.label }))}
          hint={info?.description}
        />
        <SelectField
          label="Archive"
          value={chosenArchive}
          onChange={(e) => setArchive(e.target.value as Archive)}
          options={archivesFor(format).map((a) => ({ value: a, label: ARCHIVE_LABEL[a] }))}
        />
        {isCards && (
          <div className="download-panel__cards">
            <CardOptionsFields value={cards} onChange={setCards} disabled={!available} />
          </div>
        )}
        <div className="download-panel__actions">
          <Button
            variant="primary"
            disabled={blocked}
            busy={pending}
            onClick={() => onDownload(request(chosenArchive))}
          >
            Download
          </Button>
          <Button
            ref={encryptedButton}
            disabled={blocked || pending}
            onClick={() => {
              downloadAsked.current = false;
              setPasswordOpen(true);
            }}
          >
            Encrypted ZIP…
          </Button>
        </div>
      </div>
      {started && !pending && !error && (
        <p className="download-panel__started" role="status">
          Download of {FORMATS.find((f) => f.format === started.format)?.label ?? started.format}
          {started.password ? " (AES-256 ZIP)" : ""} started: see your browser&apos;s downloads.
        </p>
      )}
      <ErrorMessage error={error} title="The download did not start." />
      <PasswordDialog
        open={passwordOpen}
        formatLabel={info?.label ?? format}
        onClose={() => setPasswordOpen(false)}
        focusOnClose={() => (downloadAsked.current ? heading.current : encryptedButton.current)}
        onSubmit={(password) => {
          downloadAsked.current = true;
          setPasswordOpen(false);
          onDownload(request("zip", password));
        }}
      />
    </Card>
  );
}
