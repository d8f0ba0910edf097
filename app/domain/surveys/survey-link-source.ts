// The `source` of a survey the guest answered through the e-mailed link
// (a PMS's surveys carry that system's name; staff-entered ones none). Browser-safe.
export const SURVEY_LINK_SOURCE = "SURVEY_LINK";
