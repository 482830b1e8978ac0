/**
 * Profiling driver for one bench row: `node --import tsx --conditions=@mirkit/source --cpu-prof bench/profile.ts <row>`
 * (rows: flac, poly, mel, logspect, hcqt). Prints the best-of-N TypeScript time only.
 */
import { readFileSync } from 'node:fs';
import { decode, downmix, hcqt, logSpect, melSpectrogram, resamplePoly, resampleSincHann } from '../src/index.js';

const row = process.argv[2] ?? 'mel';
const repeats = Number(process.argv[3] ?? 5);
const flacPath = process.argv[4] ?? '/tmp/ap/bench.flac';
const bytes = readFileSync(flacPath);
const mono44 = downmix((await decode(bytes)).channels);
const mono22 = resamplePoly(mono44, 1, 2);
const jobs: Record<string, () => unknown> = {
  flac: async () => resampleSincHann(downmix((await decode(bytes)).channels), 44100, 16000),
  decode: async () => downmix((await decode(bytes)).channels),
  sinc: () => resampleSincHann(mono44, 44100, 16000),
  poly: () => resamplePoly(mono44, 1, 2),
  mel: () => melSpectrogram(mono22, { sr: 22050, nFft: 2048, hopLength: 512, nMels: 128 }),
  logspect: () => logSpect(mono22),
  hcqt: () => hcqt(mono22.subarray(0, 30 * 22050), { sr: 22050, fmin: 32.7, hopLength: 512, binsPerOctave: 60, nBins: 360 }),
};
const job = jobs[row];
if (job === undefined) throw new TypeError(`unknown row ${row}`);
// wall time and process CPU time (the latter is less disturbed by other load on a shared machine)
let best = Infinity;
let bestCpu = Infinity;
for (let i = 0; i < repeats; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await job();
  best = Math.min(best, performance.now() - t0);
  const c = process.cpuUsage(c0);
  bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
}
console.log(`${row}: best of ${repeats} = ${best.toFixed(1)} ms wall, ${bestCpu.toFixed(1)} ms cpu`);
