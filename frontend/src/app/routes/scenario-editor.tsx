import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useBlocker, useNavigate, useParams } from "react-router";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { ConfirmDialog } from "@/components/ui/dialog/ConfirmDialog";
import { Loading } from "@/components/ui/loading/Loading";
import { PageHeader, usePageTitle } from "@/components/ui/page-header/PageHeader";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/errors";
import type { Scenario, ScenarioOut } from "@/lib/api/types";
import { useFacilities } from "@/lib/reference/get-facilities";
import { useNations } from "@/lib/reference/get-nations";
import { useWarfareTypes } from "@/lib/reference/get-warfare-types";
import { useDebounced } from "@/lib/use-debounced";
import { PreviewCharts } from "@/features/dashboard/components/PreviewCharts";
import { useCreateScenario } from "@/features/scenarios/api/create-scenario";
import { useScenario } from "@/features/scenarios/api/get-scenario";
import { PREVIEW_SIZES, usePreview } from "@/features/scenarios/api/preview-scenario";
import { useUpdateScenario } from "@/features/scenarios/api/update-scenario";
import { useValidation } from "@/features/scenarios/api/validate-scenario";
import {
  EditorToolbar,
  LeaveDialog,
  type ValidationState,
} from "@/features/scenarios/components/EditorToolbar";
import {
  revealField,
  ScenarioEditor,
  type EditorView,
  type Update,
} from "@/features/scenarios/components/ScenarioEditor";
import { placeErrors } from "@/features/scenarios/lib/fields";
import { downloadScenario, stableJson } from "@/features/scenarios/lib/scenario-json";
import { isDirty, useDrafts, type Draft } from "@/features/scenarios/stores/drafts";

/** How long typing must pause before the draft is sent for validation. */
const VALIDATE_AFTER_MS = 400;

/** A new draft that was never saved: `/scenarios/new/:draftId`. */
export function ScenarioDraftRoute() {
  const { draftId = "" } = useParams();
  const draft = useDrafts((s) => s.drafts[draftId]);
  if (!draft)
    return (
      <Missing
        title="Draft not found"
        text="This browser keeps no draft by that id (it may have been saved or discarded)."
      />
    );
  return <EditorPage key={draftId} id={draftId} draft={draft} saved={null} />;
}

/** A saved scenario: `/scenarios/:scenarioId` (with its draft, if this browser has one). */
export function ScenarioRoute() {
  const { scenarioId = "" } = useParams();
  const saved = useScenario(scenarioId);
  const draft = useDrafts((s) => s.drafts[scenarioId]);
  if (saved.error) {
    const missing = saved.error instanceof ApiError && saved.error.status === 404;
    if (missing)
      return <Missing title="Scenario not found" text="There is no such scenario for this key." />;
    return (
      <>
        <Title title="Scenario" />
        <ErrorMessage error={saved.error} title="The scenario could not be loaded." />
      </>
    );
  }
  if (!saved.data) {
    return (
      <>
        <Title title="Scenario" />
        <Loading label="Loading the scenario…" />
      </>
    );
  }
  return <EditorPage key={scenarioId} id={scenarioId} draft={draft} saved={saved.data} />;
}

function Title({ title }: { title: string }) {
  usePageTitle(title);
  return <h1>{title}</h1>;
}

function Missing({ title, text }: { title: string; text: string }) {
  return (
    <>
      <Title title={title} />
      <p>{text}</p>
      <p>
        <Link to={paths.scenarios.href()}>Back to the scenarios</Link>
      </p>
    </>
  );
}

function EditorPage({
  id,
  draft,
  saved,
}: {
  id: string;
  draft: Draft | undefined;
  saved: ScenarioOut | null;
}) {
  const navigate = useNavigate();
  const nations = useNations();
  const warfare = useWarfareTypes();
  const facilities = useFacilities();
  const create = useCreateScenario();
  const update = useUpdateScenario();
  const discard = useDrafts((s) => s.discard);
  const [view, setView] = useState<EditorView>("form");
  const [previewSize, setPreviewSize] = useState<number>(5_000);
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  const scenario: Scenario = draft?.scenario ?? saved!.scenario;
  const dirty = draft ? isDirty(draft) : false;

  const onChange: Update = useCallback(
    (change) => {
      const store = useDrafts.getState();
      const current = store.drafts[id]?.scenario ?? saved?.scenario;
      if (!current) return;
      store.edit(
        id,
        change(current),
        saved ? { scenarioId: saved.id, scenario: saved.scenario } : undefined,
      );
    },
    [id, saved],
  );

  // validation as you type: one request per pause, the answer only counts for the draft it checked
  const settled = useDebounced(scenario, VALIDATE_AFTER_MS);
  const validation = useValidation(settled);
  const upToDate =
    stableJson(settled) === stableJson(scenario) &&
    !validation.isPlaceholderData &&
    !validation.isFetching;
  const verdict = validation.data;
  const state: ValidationState = !upToDate
    ? validation.error
      ? "unreachable"
      : "checking"
    : validation.error
      ? "unreachable"
      : verdict?.valid
        ? "valid"
        : verdict
          ? "invalid"
          : "checking";
  const errors = useMemo(
    () => (verdict && !verdict.valid ? placeErrors(verdict.errors, scenario) : []),
    // placed on the scenario they were found in (its fronts, events and chain)
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [verdict],
  );

  // the form scrolls to the first error whenever the set of errors changes
  const errorKey = errors.map((e) => `${e.at}:${e.message}`).join("\n");
  const shownKey = useRef("");
  useEffect(() => {
    if (view !== "form" || errorKey === shownKey.current) return;
    shownKey.current = errorKey;
    if (errors.length > 0) revealField(errors[0]!.at);
  }, [errorKey, errors, view]);

  // the preview follows every valid change (the last one stays while the next is computed)
  const validScenario = state === "valid" && verdict?.valid ? verdict.scenario : null;
  const [lastValid, setLastValid] = useState<Scenario | null>(null);
  if (validScenario && validScenario !== lastValid) setLastValid(validScenario);
  const preview = usePreview(validScenario ?? lastValid, previewSize);

  // leaving with unsaved changes asks first (the draft stays in this browser either way)
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isDirty(useDrafts.getState().drafts[id]) &&
      currentLocation.pathname !== nextLocation.pathname,
  );

  // …and so does closing the tab or reloading (the browser's own question; the draft is kept)
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [dirty]);

  const save = () => {
    const body = verdict?.valid ? verdict.scenario : scenario;
    if (saved) {
      update.mutate(
        { id: saved.id, scenario: body },
        { onSuccess: (result) => useDrafts.getState().saved(id, result.id) },
      );
    } else {
      create.mutate(body, {
        onSuccess: (result) => {
          useDrafts.getState().saved(id, result.id);
          navigate(paths.scenario.href(result.id), { replace: true });
        },
      });
    }
  };

  return (
    <>
      <PageHeader
        title={scenario.name || "Untitled scenario"}
        subtitle={
          saved ? (
            <>
              Saved scenario · <Link to={paths.scenarios.href()}>all scenarios</Link>
            </>
          ) : (
            <>
              New draft{draft?.origin ? ` (${draft.origin})` : ""}, kept in this browser until saved
              · <Link to={paths.scenarios.href()}>all scenarios</Link>
            </>
          )
        }
      />
      <EditorToolbar
        validation={state}
        problems={errors.length}
        dirty={dirty || !saved}
        saved={Boolean(saved)}
        saving={create.isPending || update.isPending}
        saveError={create.error ?? update.error}
        onSave={save}
        onExport={() => downloadScenario(scenario)}
        onDiscard={() => setConfirmDiscard(true)}
      />
      {validation.error && (
        <ErrorMessage error={validation.error} title="The server could not check the draft." />
      )}
      {(nations.error || warfare.error) && (
        <ErrorMessage
          error={nations.error ?? warfare.error}
          title="Reference data could not be loaded."
        />
      )}
      <div className="editor-page">
        <div className="editor-page__form">
          {nations.data && warfare.data ? (
            <ScenarioEditor
              scenario={scenario}
              onChange={onChange}
              nations={nations.data}
              warfareTypes={warfare.data}
              facilities={facilities.data}
              errors={errors}
              view={view}
              onViewChange={setView}
            />
          ) : (
            <Loading label="Loading nations and warfare types…" />
          )}
        </div>
        <aside className="editor-page__preview" aria-label="Preview of the draft">
          <PreviewCharts
            statistics={preview.data?.statistics}
            elapsedMs={preview.data?.ms}
            loading={preview.isPending}
            refreshing={preview.isFetching || (state === "checking" && Boolean(preview.data))}
            error={preview.error}
            waiting={
              state === "invalid"
                ? preview.data
                  ? "The draft is not valid: this is the preview of its last valid version."
                  : "The preview appears once the draft is valid."
                : null
            }
            patients={previewSize}
            sizes={PREVIEW_SIZES}
            onPatientsChange={setPreviewSize}
          />
        </aside>
      </div>
      <LeaveDialog
        open={blocker.state === "blocked"}
        onStay={() => blocker.reset?.()}
        onLeave={() => blocker.proceed?.()}
      />
      <ConfirmDialog
        open={confirmDiscard}
        title={saved ? "Discard the changes?" : "Discard this draft?"}
        confirmLabel={saved ? "Discard changes" : "Discard draft"}
        onClose={() => setConfirmDiscard(false)}
        onConfirm={() => {
          setConfirmDiscard(false);
          discard(id);
          if (!saved) navigate(paths.scenarios.href());
        }}
      >
        <p>
          {saved
            ? "The editor goes back to the saved version of this scenario."
            : "The draft was never saved; it is removed from this browser."}
        </p>
      </ConfirmDialog>
    </>
  );
}
