import { describe, expect, it } from 'vitest';
import { createSyntheticDataset } from '../synthetic/synthetic-dataset.js';
import { startWorker } from './spawn-worker.js';
import { transferList } from './transfer.js';

describe('postResult', () => {
  it('transfers batch buffers: detached in the worker, intact on the main thread', async () => {
    const worker = startWorker(new URL('./test-utils/transfer-probe.ts', import.meta.url).href, undefined);
    const messages: any[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m) => {
        messages.push(m);
        if (messages.length === 2) resolve();
      });
      worker.on('error', reject);
    });
    await worker.terminate();
    const [result, probe] = messages;
    expect(result.type).toBe('result');
    expect(result.count).toBe(2);
    expect(result.batch.features.data).toBeInstanceOf(Float32Array);
    expect(result.batch.features.data.byteLength).toBe(2 * 256 * 4);
    expect(result.batch.features.shape).toEqual([2, 256]);
    const dataset = createSyntheticDataset({ length: 4, shape: [256] });
    expect([...result.batch.features.data.subarray(256)]).toEqual([...(dataset.get(1).features.data as Float32Array)]);
    expect(probe).toEqual({ type: 'probe', before: 2048, after: 0, bufferAfter: 0, bytes: result.bytes });
    expect(result.bytes).toBe(2048 + result.batch.index.data.byteLength + result.batch.label.data.byteLength);
  });

  it('lists each buffer once', () => {
    const data = new Float32Array(8);
    const { buffers, bytes } = transferList({ a: data, b: data.subarray(2), c: [new Uint8Array(3)] });
    expect(buffers).toHaveLength(2);
    expect(bytes).toBe(35);
  });
});
