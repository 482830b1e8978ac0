/** Worker used by transfer.test.ts: posts a collated batch with postResult, then reports what is left of it. */
import { parentPort } from 'node:worker_threads';
import { defaultCollate } from '../../data/collate.js';
import { createSyntheticDataset, type SyntheticItem } from '../../synthetic/synthetic-dataset.js';
import { postResult } from '../transfer.js';

const dataset = createSyntheticDataset({ length: 4, shape: [256] });
const batch = defaultCollate<SyntheticItem, { features: { data: Float32Array } }>([dataset.get(0), dataset.get(1)]);
const view = batch.features.data;
const before = view.byteLength;
const bytes = postResult(parentPort!, 0, batch, 2, []);
parentPort!.postMessage({ type: 'probe', before, after: view.byteLength, bufferAfter: view.buffer.byteLength, bytes });
