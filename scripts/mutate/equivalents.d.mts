// Types for equivalents.mjs (plain JavaScript, run by scripts/mutate.mjs), for the tests.
export interface Equivalent {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  reason: string;
}
/** Lines and columns 1-based, end exclusive (mutation-testing-report-schema). */
export interface ReportLocation {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
export interface SurvivingMutant {
  fileName: string;
  mutatorName: string;
  replacement?: string;
  location: ReportLocation;
}
export function loadEquivalents(root: string, api: string): Equivalent[];
export function sourceText(source: string, location: ReportLocation): string;
export function matchEquivalent(entries: Equivalent[], mutant: SurvivingMutant, root: string, readSource: (file: string) => string): Equivalent | undefined;
export function sourceReader(root: string): (file: string) => string;
