export { createProgress, type Progress, type ProgressOptions, type ProgressStream } from './create-progress.js';
export { formatBytes, formatDuration, formatRate } from './format.js';
