/**
 * Synthetic meeting reports for scale tests: `generateReport(seed, index, entities)` gives document
 * `index` of the corpus of `seed` with the facts it contains. See report.ts for what is drawn and
 * layout.ts for the five layouts; `npm run synth` writes a corpus to disk.
 */
export { generateReport, SYNTH_LAYOUTS } from './report';
export type { SynthAttendee, SynthLayout, SynthOptions, SynthReport, SynthTruth } from './report';
export { mixSeed, mulberry32, Random } from './random';
