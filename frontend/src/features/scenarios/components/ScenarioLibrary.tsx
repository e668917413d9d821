import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Badge } from "@/components/ui/badge/Badge";
import { Button } from "@/components/ui/button/Button";
import { Card } from "@/components/ui/card/Card";
import { DateTime } from "@/components/ui/date-time/DateTime";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog/ConfirmDialog";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { SelectField, TextField } from "@/components/ui/field/Field";
import { Loading } from "@/components/ui/loading/Loading";
import { Pagination } from "@/components/ui/pagination/Pagination";
import { TableScroll } from "@/components/ui/table/TableScroll";
import { paths } from "@/config/paths";
import type { ScenarioOut, ScenarioPage } from "@/lib/api/types";
import { formatCount } from "@/lib/format";
import { parsePatientCount, parseSeed } from "@/lib/parse-count";
import type { PresetSummary } from "@/lib/reference/get-presets";

import type { Draft } from "../stores/drafts";

import "./scenarios.css";

export interface ScenarioListProps {
  page: ScenarioPage | undefined;
  loading?: boolean;
  error?: unknown;
  query: string;
  onQueryChange: (q: string) => void;
  onOffsetChange: (offset: number) => void;
  onDuplicate: (scenario: ScenarioOut) => void;
  onRename: (scenario: ScenarioOut, name: string) => void;
  onDelete: (scenario: ScenarioOut) => void;
  onExport: (scenario: ScenarioOut) => void;
  onStartJob: (scenario: ScenarioOut, job: { patients: number; seed?: number }) => void;
  /** Which row an action is running for. */
  busyId?: string | null;
  actionError?: unknown;
  /** Open a dialog at once (stories). */
  initialDialog?: { kind: "rename" | "delete" | "job"; id: string } | null;
}

/** The key's saved scenarios: search by name, pages, and an action menu per row. */
export function ScenarioList({
  page,
  loading,
  error,
  query,
  onQueryChange,
  onOffsetChange,
  onDuplicate,
  onRename,
  onDelete,
  onExport,
  onStartJob,
  busyId,
  actionError,
  initialDialog = null,
}: ScenarioListProps) {
  const [dialog, setDialog] = useState(initialDialog);
  const [search, setSearch] = useState(query);
  const target = page?.items.find((s) => s.id === dialog?.id);
  const close = () => setDialog(null);
  return (
    <section aria-labelledby="scenario-list-title" className="scenario-list">
      <h2 id="scenario-list-title">Saved scenarios</h2>
      <form
        role="search"
        className="scenario-list__search"
        onSubmit={(e) => {
          e.preventDefault();
          onQueryChange(search.trim());
        }}
      >
        <TextField
          label="Search by name"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            onQueryChange(e.target.value.trim());
          }}
        />
      </form>
      <ErrorMessage error={actionError} />
      {error ? (
        <ErrorMessage error={error} title="The scenarios could not be loaded." />
      ) : !page ? (
        loading !== false && <Loading label="Loading scenarios…" />
      ) : page.items.length === 0 ? (
        <EmptyState
          title={query ? `No scenario's name contains “${query}”` : "No saved scenarios yet"}
        >
          <p>
            {query ? "Try another part of the name." : "Create one from a preset or import a file."}
          </p>
        </EmptyState>
      ) : (
        <>
          <TableScroll label="Saved scenarios">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Days
                  </th>
                  <th scope="col" className="num">
                    Patients
                  </th>
                  <th scope="col">Fronts</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((item) => (
                  <tr key={item.id} data-scenario={item.id}>
                    <td>
                      <Link to={paths.scenario.href(item.id)}>{item.name}</Link>
                    </td>
                    <td className="num">{item.scenario.duration_days}</td>
                    <td className="num">{formatCount(item.scenario.patients)}</td>
                    <td>{item.scenario.fronts.map((f) => f.name).join(", ")}</td>
                    <td>
                      <DateTime value={item.updated_at} />
                    </td>
                    <td>
                      <div className="row-actions">
                        <Button
                          size="sm"
                          variant="primary"
                          onClick={() => setDialog({ kind: "job", id: item.id })}
                          busy={busyId === item.id}
                        >
                          Start job<span className="visually-hidden"> from {item.name}</span>
                        </Button>
                        <Button size="sm" onClick={() => onDuplicate(item)}>
                          Duplicate<span className="visually-hidden"> {item.name}</span>
                        </Button>
                        <Button
                          size="sm"
                          onClick={() => setDialog({ kind: "rename", id: item.id })}
                        >
                          Rename<span className="visually-hidden"> {item.name}</span>
                        </Button>
                        <Button size="sm" onClick={() => onExport(item)}>
                          Export JSON<span className="visually-hidden"> of {item.name}</span>
                        </Button>
                        <Button
                          size="sm"
                          variant="danger"
                          onClick={() => setDialog({ kind: "delete", id: item.id })}
                        >
                          Delete<span className="visually-hidden"> {item.name}</span>
                        </Button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination
            offset={page.offset}
            limit={page.limit}
            total={page.total}
            noun="scenarios"
            onChange={onOffsetChange}
          />
        </>
      )}
      {target && (
        <>
          <RenameDialog
            key={`rename-${target.id}`}
            open={dialog?.kind === "rename"}
            name={target.name}
            onClose={close}
            onRename={(name) => {
              close();
              onRename(target, name);
            }}
          />
          <ConfirmDialog
            open={dialog?.kind === "delete"}
            title="Delete this scenario?"
            confirmLabel="Delete scenario"
            onClose={close}
            onConfirm={() => {
              close();
              onDelete(target);
            }}
          >
            <p>
              “{target.name}” is removed for good. Jobs made from it keep their own copy of the
              scenario.
            </p>
          </ConfirmDialog>
          <StartJobDialog
            key={`job-${target.id}`}
            open={dialog?.kind === "job"}
            scenario={target}
            onClose={close}
            onStart={(job) => {
              close();
              onStartJob(target, job);
            }}
          />
        </>
      )}
    </section>
  );
}

export function RenameDialog({
  open,
  name,
  onClose,
  onRename,
}: {
  open: boolean;
  name: string;
  onClose: () => void;
  onRename: (name: string) => void;
}) {
  const [value, setValue] = useState(name);
  const [touched, setTouched] = useState(false);
  const error =
    value.trim() === ""
      ? "A scenario needs a name."
      : value.length > 200
        ? "At most 200 characters."
        : null;
  return (
    <Dialog
      open={open}
      title="Rename scenario"
      onClose={onClose}
      onSubmit={() => {
        setTouched(true);
        if (!error) onRename(value.trim());
      }}
      footer={
        <>
          <Button onClick={onClose}>Keep the name</Button>
          <Button type="submit" variant="primary">
            Rename
          </Button>
        </>
      }
    >
      <TextField
        label="New name"
        value={value}
        autoFocus
        error={touched ? error : null}
        onChange={(e) => setValue(e.target.value)}
      />
    </Dialog>
  );
}

export function StartJobDialog({
  open,
  scenario,
  onClose,
  onStart,
}: {
  open: boolean;
  scenario: ScenarioOut;
  onClose: () => void;
  onStart: (job: { patients: number; seed?: number }) => void;
}) {
  const [patients, setPatients] = useState(formatCount(scenario.scenario.patients));
  const [seed, setSeed] = useState("");
  const [touched, setTouched] = useState(false);
  const count = parsePatientCount(patients);
  const seedValue = parseSeed(seed);
  return (
    <Dialog
      open={open}
      title="Start a job"
      onClose={onClose}
      onSubmit={() => {
        setTouched(true);
        if (count.ok && seedValue.ok) onStart({ patients: count.value, seed: seedValue.value });
      }}
      footer={
        <>
          <Button onClick={onClose}>Not now</Button>
          <Button type="submit" variant="primary">
            Start job
          </Button>
        </>
      }
    >
      <p>
        From the saved scenario “{scenario.name}” ({scenario.scenario.duration_days} days).
      </p>
      <TextField
        label="Patients"
        inputMode="numeric"
        value={patients}
        hint="e.g. 50,000 or 50000"
        error={touched && !count.ok ? count.message : null}
        onChange={(e) => setPatients(e.target.value)}
      />
      <TextField
        label="Seed (optional)"
        inputMode="numeric"
        value={seed}
        hint="Same scenario + seed = the same patients."
        error={touched && !seedValue.ok ? seedValue.message : null}
        onChange={(e) => setSeed(e.target.value)}
      />
    </Dialog>
  );
}

export interface NewScenarioPanelProps {
  presets: PresetSummary[] | undefined;
  presetsError?: unknown;
  creating?: boolean;
  onCreate: (presetId: string) => void;
  onImport: (file: File) => void;
  importError?: string | null;
}

/** Start a draft from a preset (its description shown) or from a scenario JSON file. */
export function NewScenarioPanel({
  presets,
  presetsError,
  creating = false,
  onCreate,
  onImport,
  importError,
}: NewScenarioPanelProps) {
  const [presetId, setPresetId] = useState("");
  const file = useRef<HTMLInputElement>(null);
  const chosen = presetId || presets?.[0]?.id || "";
  const description = presets?.find((p) => p.id === chosen)?.description;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) onCreate(chosen);
  };
  return (
    <Card title="New scenario" className="new-scenario">
      {presetsError ? (
        <ErrorMessage error={presetsError} title="The presets could not be loaded." />
      ) : !presets ? (
        <Loading label="Loading presets…" />
      ) : (
        <form
          className="new-scenario__form"
          aria-label="New scenario from a preset"
          onSubmit={submit}
        >
          <SelectField
            label="Start from preset"
            value={chosen}
            options={presets.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(e) => setPresetId(e.target.value)}
            hint={<span data-testid="preset-description">{description}</span>}
          />
          <div className="new-scenario__actions">
            <Button type="submit" variant="primary" busy={creating}>
              Create from preset
            </Button>
            <Button onClick={() => file.current?.click()}>Import JSON file…</Button>
            <input
              ref={file}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              tabIndex={-1}
              aria-label="Scenario JSON file"
              data-testid="import-file"
              onChange={(e) => {
                const chosenFile = e.target.files?.[0];
                if (chosenFile) onImport(chosenFile);
                e.target.value = "";
              }}
            />
          </div>
          {importError && (
            <p className="field__error" role="alert">
              {importError}
            </p>
          )}
        </form>
      )}
    </Card>
  );
}

/** Drafts kept in this browser that are not saved (or have unsaved changes). */
export function DraftList({
  drafts,
  onDiscard,
}: {
  drafts: Draft[];
  onDiscard: (id: string) => void;
}) {
  if (drafts.length === 0) return null;
  return (
    <Card title="Unsaved drafts in this browser" className="draft-list">
      <ul className="draft-list__items">
        {drafts.map((d) => (
          <li key={d.id}>
            <Link
              to={d.scenarioId ? paths.scenario.href(d.scenarioId) : paths.scenarioDraft.href(d.id)}
            >
              {d.scenario.name || "Untitled"}
            </Link>{" "}
            <Badge tone="warning">{d.scenarioId ? "unsaved changes" : "never saved"}</Badge>{" "}
            <span className="muted">
              {d.origin ? `${d.origin} · ` : ""}edited <DateTime value={d.updatedAt} />
            </span>{" "}
            <Button size="sm" variant="ghost" onClick={() => onDiscard(d.id)}>
              Discard<span className="visually-hidden"> draft {d.scenario.name}</span>
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
