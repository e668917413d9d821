// Names for the generated schema's types (src/lib/api/schema.d.ts): aliases, never hand-written.
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Job = Schemas["JobOut"];
export type JobDetail = Schemas["JobDetail"];
export type JobStatus = Schemas["JobStatus"];
export type JobPage = Schemas["Page_JobOut_"];
export type JobCreate = Schemas["JobCreate"];
export type Scenario = Schemas["Scenario"];
export type Me = Schemas["Me"];
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

export type JobListQuery = NonNullable<paths["/api/v1/jobs"]["get"]["parameters"]["query"]>;
