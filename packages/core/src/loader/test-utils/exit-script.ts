/**
 * Child process for exit.test.ts: leaves a DataLoader loop with workers in the way `argv[2]` says, prints
 * `end <epoch ms>` and then does nothing — the process must exit on its own, promptly.
 */
import { createSyntheticDataset } from '../../synthetic/synthetic-dataset.js';
import { DataLoader } from '../data-loader.js';

const mode = process.argv[2];
const persistentWorkers = mode === 'persistent';
const dataset = createSyntheticDataset({ length: persistentWorkers ? 16 : 20_000, shape: [2000] });
const controller = new AbortController();
const loader = new DataLoader({ dataset, batchSize: 8, numWorkers: 2, persistentWorkers, signal: controller.signal });

if (mode === 'break') {
  for await (const _ of loader) break;
} else if (mode === 'throw') {
  try {
    for await (const _ of loader) throw new RangeError('consumer failed');
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
} else if (mode === 'abort') {
  try {
    for await (const _ of loader) controller.abort();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_ABORTED') throw error;
  }
} else if (mode === 'persistent') {
  // A completed epoch keeps the workers, unreferenced: no close() call, yet the process must end.
  for await (const _ of loader) void _;
  for await (const _ of loader) void _;
}
process.stdout.write(`end ${Date.now()}\n`);
