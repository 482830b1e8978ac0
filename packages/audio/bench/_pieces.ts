import { readFileSync } from 'node:fs';
import { RealFft } from '../src/fft/real-fft.js';
import { getWindow } from '../src/spectral/window.js';
import { melFilterbankSparse } from '../src/filterbank/mel.js';
import { melSpectrogram } from '../src/index.js';
const y = new Float32Array(readFileSync('/tmp/ap/y22.f32').buffer.slice(0));
function time(label: string, fn: () => void) {
  fn();
  let best = Infinity;
  for (let r = 0; r < 7; r++) { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000); }
  console.log(label.padEnd(30), best.toFixed(2), 'ms');
}
const fft = new RealFft(2048);
const w = getWindow('hann', 2048, true);
const re = new Float64Array(1025), im = new Float64Array(1025);
const frames = Math.floor((y.length - 2048) / 512);
time('forwardWindowed x frames', () => { for (let t = 0; t < frames; t++) fft.forwardWindowed(y, t * 512, w, re, im); });
time('melFilterbankSparse', () => { melFilterbankSparse({ sr: 22050, nFft: 2048, nMels: 128 }); });
const fb = melFilterbankSparse({ sr: 22050, nFft: 2048, nMels: 128 });
const spec = new Float64Array(1025); const out = new Float32Array(128 * frames);
time('power+mel x frames', () => { for (let t = 0; t < frames; t++) {
  for (let k = 0; k < 1025; k++) spec[k] = re[k]! * re[k]! + im[k]! * im[k]!;
  for (let b = 0; b < 128; b++) { const ww = fb.weights[b]!; const s0 = fb.starts[b]!; let acc = 0; for (let j = 0; j < ww.length; j++) acc += ww[j]! * spec[s0 + j]!; out[b * frames + t] = acc; }
}});
time('melSpectrogram', () => { melSpectrogram(y, { sr: 22050, nFft: 2048, hopLength: 512, nMels: 128 }); });
