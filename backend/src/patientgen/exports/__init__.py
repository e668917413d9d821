"""Exports: the patient records of a job as NDJSON, JSON, CSV, XML and HL7 FHIR R4, optionally
gzip- or ZIP-archived (AES-256 with a password).

Every encoder turns an iterable of records (the NDJSON contract, in index order) into a lazy
stream of byte chunks: flat memory whatever the job size, identical bytes for identical jobs.
Entry point: ``patientgen.exports.formats`` (``ExportFormat``, ``export_stream``,
``async_export_stream``). Formats, columns, XML structure and FHIR mapping: docs/exports.md.
"""
