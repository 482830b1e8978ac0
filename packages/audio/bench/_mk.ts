import { readFileSync, writeFileSync } from 'node:fs';
import { decode, downmix, resamplePoly } from '../src/index.js';
const m = downmix((await decode(readFileSync('/tmp/ap/bench.flac'))).channels); const y = resamplePoly(m,1,2);
writeFileSync('/tmp/ap/y22.f32', new Uint8Array(y.buffer)); writeFileSync('/tmp/ap/y44.f32', new Uint8Array(m.buffer));
