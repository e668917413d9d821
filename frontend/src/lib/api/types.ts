// Names for the generated schema's types (src/lib/api/schema.d.ts): aliases, never hand-written.
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Job = Schemas["JobOut"];
export type JobDetail = Schemas["JobDetail"];
export type JobStatus = Schemas["JobStatus"];
export type ProgressData = Schemas["ProgressData"];
export type JobPage = Schemas["Page_JobOut_"];
export type JobCreate = Schemas["JobCreate"];
export type Scenario = Schemas["Scenario"];
export type Me = Schemas["Me"];
export type KeyOut = Schemas["KeyOut"];
export type KeyCreate = Schemas["KeyCreate"];
export type KeyCreated = Schemas["KeyCreated"];
export type JobStatistics = Schemas["JobStatistics"];
export type StatisticsFilters = Schemas["StatisticsFilters"];
export type Triage = Schemas["Triage"];
export type FinalStatus = Schemas["FinalStatus"];
export type InjuryType = Schemas["InjuryType"];
export type Role = Schemas["Role"];
export type FacilityLoad = Schemas["FacilityLoad"];
export type Delay = Schemas["Delay"];
export type ExportFormat = Schemas["ExportFormat"];
export type Archive = Schemas["Archive"];
export type TicketRequest = Schemas["TicketRequest"];
export type CardPrintOptions = Schemas["CardPrintOptions"];
export type CardKind = Schemas["CardKind"];
export type PatientSelection = Schemas["PatientSelection"];
export type MedevacLeg = Schemas["MedevacLeg"];
export type NineLine = Schemas["NineLine"];
export type Mist = Schemas["Mist"];
export type Problem = Schemas["Problem"];
export type FieldError = Schemas["FieldError"];

export type JobListQuery = NonNullable<paths["/api/v1/jobs"]["get"]["parameters"]["query"]>;

export type Nation = Schemas["Nation"];
export type WarfareTypeEntry = Schemas["WarfareTypeEntry"];
export type WarfareType = Schemas["WarfareType"];
export type FacilityEntry = Schemas["FacilityEntry"];
export type Facility = Schemas["Facility"];
export type Front = Schemas["Front"];
export type SpecialEvent = Schemas["SpecialEvent"];
export type EventKind = Schemas["EventKind"];
export type Environment = Schemas["Environment"];
export type Tempo = Schemas["Tempo"];
export type TriageWeights = Schemas["TriageWeights"];
export type OutcomeTable = Schemas["OutcomeTable"];
export type Outcome = Schemas["Outcome"];
export type PerTriageMinutes = Schemas["PerTriageMinutes"];
export type MinutesRange = Schemas["MinutesRange"];
export type ScenarioOut = Schemas["ScenarioOut"];
export type ScenarioPage = Schemas["Page_ScenarioOut_"];
export type ValidationResult = Schemas["ValidationResult"];
export type PreviewRequest = Schemas["PreviewRequest"];
export type PatientRecord = Schemas["PatientRecord"];
export type PatientPage = Schemas["PatientPage"];
export type TimelineEvent = Schemas["TimelineEvent"];
export type Condition = Schemas["Condition"];
export type Treatment = Schemas["Treatment"];
export type Vital = Schemas["Vital"];

export type ScenarioListQuery = NonNullable<
  paths["/api/v1/scenarios"]["get"]["parameters"]["query"]
>;
export type PatientListQuery = NonNullable<
  paths["/api/v1/jobs/{job_id}/patients"]["get"]["parameters"]["query"]
>;
