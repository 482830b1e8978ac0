import FFT from 'fft.js';
import { ComplexFft } from '../src/fft/complex-fft.js';
function time(label: string, reps: number, fn: () => void) {
  for (let i = 0; i < reps / 10; i++) fn();
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const c0 = process.cpuUsage(); for (let i = 0; i < reps; i++) fn(); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / reps); }
  console.log(label.padEnd(30), best.toFixed(2), 'us');
}
for (const n of [1024, 2048, 4096]) {
  const f = new FFT(n); const inp = new Float64Array(2 * n).map(() => Math.random()); const out = new Float64Array(2 * n);
  time(`fft.js complex ${n}`, 2000, () => f.transform(out, inp));
  const c = new ComplexFft(n); c.inRe.set(inp.subarray(0, n)); c.inIm.set(inp.subarray(n));
  time(`wasm complex ${n}`, 2000, () => c.transform());
  const s = new ComplexFft(n, 0, false); s.inRe.set(inp.subarray(0, n)); s.inIm.set(inp.subarray(n));
  time(`scalar complex ${n}`, 2000, () => s.transform());
}
for (const n of [4096, 2048, 1024]) {
  const c = new ComplexFft(n);
  c.inRe.fill(0.5);
  time(`again wasm complex ${n}`, 2000, () => c.transform());
}
