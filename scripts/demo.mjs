#!/usr/bin/env node
// mirkit demo: the built-in synthetic dataset through the DataLoader with two worker threads.
//
//   pnpm --filter @mirkit/core build && node scripts/demo.mjs [--items N] [--epochs N] [--workers N]
//
// Each item is one second of "16 kHz audio": a sine whose frequency encodes one of 10 classes, plus noise,
// generated from (seed, index) in the workers. Batches come back with their buffers transferred (not copied).
// The main thread does real work on every batch: it classifies each clip by its zero-crossing rate and scores
// the predictions against the labels. Progress goes to stderr, the summary to stdout.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const dist = fileURLToPath(new URL('../packages/core/dist/index.js', import.meta.url));
if (!existsSync(dist)) {
  process.stderr.write('scripts/demo.mjs needs the built @mirkit/core: run `pnpm --filter @mirkit/core build` first.\n');
  process.exit(1);
}
const { DataLoader, createSyntheticDataset, createProgress, formatBytes, formatDuration } = await import(pathToFileURL(dist).href);

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '4096' },
    epochs: { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    'batch-size': { type: 'string', default: '32' },
  },
});
const items = Number(values.items);
const epochs = Number(values.epochs);
const numWorkers = Number(values.workers);
const batchSize = Number(values['batch-size']);
const numClasses = 10;
const samples = 16_000;

const dataset = createSyntheticDataset({ length: items, shape: [samples], numClasses, seed: 2024 });
const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
const loader = new DataLoader({ dataset, batchSize, shuffle: true, seed: 7, numWorkers, signal: controller.signal });

// Class k has frequency 0.4·(k+1)/(numClasses+1) cycles per sample, i.e. about 2·f zero crossings per sample.
function predict(clip) {
  let crossings = 0;
  for (let j = 1; j < clip.length; j++) if (clip[j - 1] < 0 !== clip[j] < 0) crossings++;
  const cyclesPerSample = crossings / (2 * (clip.length - 1));
  return Math.min(numClasses - 1, Math.max(0, Math.round((cyclesPerSample * (numClasses + 1)) / 0.4 - 1)));
}

process.stdout.write(
  `mirkit demo: ${items} synthetic clips × ${samples} float32 samples (${formatBytes(items * samples * 4)} per epoch), ` +
    `batch ${batchSize}, shuffle, ${numWorkers} worker thread(s), ${epochs} epoch(s)\n`,
);
const totals = { batches: 0, items: 0, bytes: 0, seconds: 0, correct: 0 };
const firstIndices = [];
for (let epoch = 0; epoch < epochs; epoch++) {
  const progress = createProgress({ total: loader.length, label: `epoch ${epoch + 1}/${epochs}`, unit: 'batches' });
  let correct = 0;
  let seen = 0;
  try {
    for await (const batch of loader) {
      const { data, shape } = batch.features;
      const labels = batch.label.data;
      if (seen === 0) firstIndices.push([...batch.index.data.subarray(0, 5)]);
      for (let b = 0; b < shape[0]; b++) if (predict(data.subarray(b * shape[1], (b + 1) * shape[1])) === labels[b]) correct++;
      seen += shape[0];
      progress.tick(1, `accuracy ${((100 * correct) / seen).toFixed(1)}%`);
    }
  } catch (error) {
    progress.fail(error instanceof Error ? error.message : String(error));
    throw error;
  }
  const report = loader.lastEpochReport;
  const seconds = report.durationMs / 1000;
  progress.done(`${formatBytes(report.bytesTransferred)} transferred`);
  process.stdout.write(
    `epoch ${epoch + 1}: ${report.batches} batches, ${report.items} items in ${seconds.toFixed(2)} s = ` +
      `${Math.round(report.items / seconds)} items/s, ${formatBytes(report.bytesTransferred)} moved, ` +
      `zero-crossing classifier accuracy ${((100 * correct) / report.items).toFixed(1)}%\n`,
  );
  totals.batches += report.batches;
  totals.items += report.items;
  totals.bytes += report.bytesTransferred;
  totals.seconds += seconds;
  totals.correct += correct;
}
process.stdout.write(
  `first indices per epoch (reshuffled each epoch, same on every run): ${firstIndices.map((x) => `[${x.join(', ')}, …]`).join(' ')}\n` +
    `summary: ${totals.batches} batches, ${totals.items} items, ${Math.round(totals.items / totals.seconds)} items/s ` +
    `(${formatBytes(totals.bytes / totals.seconds)}/s), ${formatBytes(totals.bytes)} moved from workers, ` +
    `accuracy ${((100 * totals.correct) / totals.items).toFixed(1)}%, ${formatDuration(totals.seconds)} in all\n`,
);
