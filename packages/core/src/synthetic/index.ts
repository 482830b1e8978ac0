export { SyntheticDataset, createSyntheticDataset, type SyntheticDatasetOptions, type SyntheticItem, type SyntheticDType } from './synthetic-dataset.js';
