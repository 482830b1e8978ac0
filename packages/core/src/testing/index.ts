export { findFixtures, isCi, requireFixtures } from './fixtures.js';
export {
  checkDatasetConformance,
  findNonPlainData,
  findBatchDimMismatches,
  DatasetConformanceError,
  type DatasetConformanceOptions,
  type DatasetConformanceReport,
} from './dataset-conformance.js';
export { plainDiff } from './plain-diff.js';
