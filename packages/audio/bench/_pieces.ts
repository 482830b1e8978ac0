import { readFileSync } from 'node:fs';
import { RealFft } from '../src/fft/real-fft.js';
import { ComplexFft } from '../src/fft/complex-fft.js';
import { getWindow } from '../src/spectral/window.js';
const y = new Float32Array(readFileSync('/tmp/ap/y22.f32').buffer.slice(0));
function time(label: string, fn: () => void) {
  fn();
  let best = Infinity;
  for (let r = 0; r < 9; r++) { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000); }
  console.log(label.padEnd(30), best.toFixed(2), 'ms');
}
const fft = new RealFft(2048);
const w = getWindow('hann', 2048, true);
const pw = new Float64Array(1025);
const frames = Math.floor((y.length - 2048) / 512);
const c = new ComplexFft(1024);
time('transformPacked x frames', () => { for (let t = 0; t < frames; t++) c.transformPacked(y, t * 512, w); });
time('transform (no gather) x frames', () => { for (let t = 0; t < frames; t++) c.transform(); });
time('powerWindowed x frames', () => { for (let t = 0; t < frames; t++) fft.powerWindowed(y, t * 512, w, pw); });
