import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";

import { PageHeader } from "@/components/ui/page-header/PageHeader";
import { paths } from "@/config/paths";
import { presetQueryOptions, usePresets } from "@/lib/reference/get-presets";
import { useCreateJobFromScenario } from "@/features/jobs/api/create-job";
import { useCreateScenario } from "@/features/scenarios/api/create-scenario";
import { useDeleteScenario } from "@/features/scenarios/api/delete-scenario";
import { SCENARIOS_PAGE_SIZE, useScenarios } from "@/features/scenarios/api/get-scenarios";
import { useUpdateScenario } from "@/features/scenarios/api/update-scenario";
import {
  DraftList,
  NewScenarioPanel,
  ScenarioList,
} from "@/features/scenarios/components/ScenarioLibrary";
import { downloadScenario, parseScenarioText } from "@/features/scenarios/lib/scenario-json";
import { isDirty, useDrafts } from "@/features/scenarios/stores/drafts";

export function ScenariosRoute() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const q = search.get("q") ?? "";
  const offset = Math.max(0, Number.parseInt(search.get("offset") ?? "0", 10) || 0);
  const list = useScenarios({ limit: SCENARIOS_PAGE_SIZE, offset, ...(q ? { q } : {}) });
  const presets = usePresets();
  const drafts = useDrafts((s) => s.drafts);
  const createDraft = useDrafts((s) => s.createDraft);
  const discard = useDrafts((s) => s.discard);
  const create = useCreateScenario();
  const update = useUpdateScenario();
  const remove = useDeleteScenario();
  const startJob = useCreateJobFromScenario();
  const [creating, setCreating] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [presetError, setPresetError] = useState<unknown>(null);

  const setQuery = (next: { q?: string; offset?: number }) => {
    const params = new URLSearchParams(search);
    if (next.q !== undefined) {
      if (next.q) params.set("q", next.q);
      else params.delete("q");
      params.delete("offset");
    }
    if (next.offset !== undefined) {
      if (next.offset > 0) params.set("offset", String(next.offset));
      else params.delete("offset");
    }
    setSearch(params, { replace: next.q !== undefined });
  };

  const unsaved = Object.values(drafts)
    .filter(isDirty)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));

  return (
    <>
      <PageHeader
        title="Scenarios"
        subtitle="Fronts, nations, injury mix, tempo, events, weather and the treatment chain: build a scenario, preview it, save it and run jobs from it."
      />
      <NewScenarioPanel
        presets={presets.data}
        presetsError={presets.error ?? presetError}
        creating={creating}
        importError={importError}
        onCreate={async (presetId) => {
          setCreating(true);
          setPresetError(null);
          try {
            const scenario = await queryClient.fetchQuery(presetQueryOptions(presetId));
            const name = presets.data?.find((p) => p.id === presetId)?.name ?? presetId;
            const id = createDraft(scenario, `Preset: ${name}`);
            navigate(paths.scenarioDraft.href(id));
          } catch (error) {
            setPresetError(error);
          } finally {
            setCreating(false);
          }
        }}
        onImport={async (file) => {
          setImportError(null);
          const parsed = parseScenarioText(await file.text());
          if (!parsed.ok) {
            setImportError(`${file.name}: ${parsed.message}`);
            return;
          }
          const id = createDraft(parsed.scenario, `Imported ${file.name}`);
          navigate(paths.scenarioDraft.href(id));
        }}
      />
      <DraftList drafts={unsaved} onDiscard={discard} />
      <ScenarioList
        page={list.data}
        loading={list.isPending}
        error={list.error}
        query={q}
        onQueryChange={(value) => setQuery({ q: value })}
        onOffsetChange={(value) => setQuery({ offset: value })}
        busyId={startJob.isPending ? (startJob.variables?.scenarioId ?? null) : null}
        actionError={create.error ?? update.error ?? remove.error ?? startJob.error}
        onDuplicate={(item) =>
          create.mutate({ ...item.scenario, name: `${item.name} (copy)`.slice(0, 200) })
        }
        onRename={(item, name) =>
          update.mutate({ id: item.id, scenario: { ...item.scenario, name } })
        }
        onDelete={(item) =>
          remove.mutate(item.id, {
            onSuccess: () => discard(item.id),
          })
        }
        onExport={(item) => downloadScenario(item.scenario)}
        onStartJob={(item, job) =>
          startJob.mutate(
            { scenarioId: item.id, ...job },
            { onSuccess: (created) => navigate(paths.job.href(created.id)) },
          )
        }
      />
    </>
  );
}
