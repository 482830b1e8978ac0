import type { MessagePort } from 'node:worker_threads';
import { collectTransferables } from '../array/nd-array.js';
import type { FromWorker, SerializedSkip } from './worker-protocol.js';

/** The transfer list of a payload (every ArrayBuffer reachable from it, deduplicated) and its total size. */
export function transferList(payload: unknown): { buffers: ArrayBuffer[]; bytes: number } {
  const buffers = collectTransferables(payload);
  let bytes = 0;
  for (const b of buffers) bytes += b.byteLength;
  return { buffers, bytes };
}

/**
 * Posts a worker's result for `task`, **transferring** (not copying) the ArrayBuffers of `batch`: afterwards
 * they are detached in the worker (`byteLength === 0`) and owned by the main thread. Returns the bytes moved.
 */
export function postResult(
  port: Pick<MessagePort, 'postMessage'>,
  task: number,
  batch: unknown,
  count: number,
  skipped: readonly SerializedSkip[],
): number {
  const { buffers, bytes } = transferList(batch);
  const message: FromWorker = count > 0 ? { type: 'result', task, batch, count, skipped, bytes } : { type: 'result', task, count, skipped, bytes: 0 };
  port.postMessage(message, count > 0 ? buffers : []);
  return bytes;
}
