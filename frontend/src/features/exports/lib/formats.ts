import { ArchiveValues, ExportFormatValues } from "@/lib/api/enums";
import type { Archive, ExportFormat } from "@/lib/api/types";

// What the API exports (docs/exports.md): every single-file format as is, gzipped or zipped;
// the multi-file formats (FHIR Bulk Data, Parquet) only as a ZIP; a password (AES-256) only
// with ZIP. One entry per member of the generated ExportFormat type: a format the API adds
// fails type-checking here until it has its label, so the download menu offers every format.

export interface FormatInfo {
  format: ExportFormat;
  label: string;
  description: string;
  archives: readonly Archive[];
}

const ANY: readonly Archive[] = ArchiveValues;
const ZIP_ONLY: readonly Archive[] = ["zip"];

const INFO: { [F in ExportFormat]: Omit<FormatInfo, "format"> } = {
  ndjson: { label: "NDJSON", description: "one patient record per line", archives: ANY },
  json: { label: "JSON", description: "one array of records", archives: ANY },
  csv: { label: "CSV", description: "one row per patient, UTF-8", archives: ANY },
  xml: { label: "XML", description: "one <patients> document", archives: ANY },
  "fhir-bundle": {
    label: "FHIR R4 bundles",
    description: "one transaction Bundle per patient per line",
    archives: ANY,
  },
  "fhir-ndjson": {
    label: "FHIR R4 Bulk Data",
    description: "one NDJSON file per resource type, zipped",
    archives: ZIP_ONLY,
  },
  parquet: {
    label: "Parquet",
    description: "patients, conditions, treatments, vitals and stays, one file each, zipped",
    archives: ZIP_ONLY,
  },
  xlsx: {
    label: "Excel",
    description: "one sheet each for patients, conditions, treatments, vitals and stays",
    archives: ANY,
  },
  "cards-pdf": {
    label: "Casualty cards (PDF)",
    description: "role-player, instructor and TCCC-style cards, print-ready",
    archives: ANY,
  },
  medevac: {
    label: "MIST and 9-line (NDJSON)",
    description: "MIST handover and 9-line MEDEVAC request per evacuation leg, one leg per line",
    archives: ANY,
  },
  "medevac-text": {
    label: "MIST and 9-line (text)",
    description: "MIST handover and 9-line MEDEVAC request per evacuation leg, as text",
    archives: ANY,
  },
};

export const FORMATS: FormatInfo[] = ExportFormatValues.map((format) => ({
  format,
  ...INFO[format],
}));

export const ARCHIVE_LABEL: Record<Archive, string> = {
  none: "No archive",
  gzip: "gzip (.gz)",
  zip: "ZIP",
};

export function archivesFor(format: ExportFormat): readonly Archive[] {
  return FORMATS.find((f) => f.format === format)?.archives ?? ["none"];
}

/** The archive to keep when the format changes: the same if allowed, else the first allowed. */
export function fitArchive(format: ExportFormat, archive: Archive): Archive {
  const allowed = archivesFor(format);
  return allowed.includes(archive) ? archive : allowed[0];
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Characters as the server counts them (code points, so an emoji is one). */
export function passwordLength(password: string): number {
  return [...password].length;
}

export function passwordProblem(password: string, confirm: string): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN)
    return `At least ${PASSWORD_MIN} characters (any language, any symbol).`;
  if (length > PASSWORD_MAX) return `At most ${PASSWORD_MAX} characters.`;
  if (password !== confirm) return "The two passwords differ.";
  return null;
}
