import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress, type ProgressStream } from './create-progress.js';
import { formatBytes, formatDuration, formatRate } from './format.js';

function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { chunks: string[] } {
  const chunks: string[] = [];
  return { isTTY, columns, chunks, write: (c: string) => chunks.push(c) };
}

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('createProgress', () => {
  beforeEach(() => vi.stubEnv('CI', ''));
  afterEach(() => vi.unstubAllEnvs());

  it('redraws one line on a TTY, at most 10 times per second, with bar, counts, rate and ETA', () => {
    const stream = fakeStream(true, 200);
    const c = clock();
    const p = createProgress({ total: 100, label: 'epoch 1', unit: 'items', stream, now: c.now });
    for (let i = 0; i < 50; i++) {
      c.advance(20);
      p.tick(1, 'loss 0.5');
    }
    // 50 ticks over 1 s → a redraw every 100 ms at most.
    expect(stream.chunks.length).toBeLessThanOrEqual(10);
    expect(stream.chunks.length).toBeGreaterThanOrEqual(9);
    const last = stream.chunks.at(-1)!;
    expect(last.startsWith('\r')).toBe(true);
    expect(last.endsWith('\x1b[K')).toBe(true);
    expect(last).not.toContain('\n');
    expect(last).toMatch(/^\repoch 1 \[#{11,12}-{12,13}\] 4\d\/100 items 50\.0 items\/s ETA 0:01 loss 0\.5/);
    c.advance(1000);
    p.set(100);
    p.done('acc 0.9');
    expect(stream.chunks.at(-1)).toBe('\repoch 1 done 100/100 items in 0:02 (50.0 items/s) acc 0.9\x1b[K\n');
    p.tick();
    expect(stream.chunks.at(-1)).toContain('done');
    expect(p.count).toBe(100);
  });

  it('truncates the TTY line to the terminal width', () => {
    const stream = fakeStream(true, 30);
    const p = createProgress({ total: 10, label: 'a-rather-long-label', stream, now: clock().now });
    p.tick();
    expect(stream.chunks[0]!.replace('\r', '').replace('\x1b[K', '').length).toBe(29);
  });

  it('prints plain lines every percent step or interval when not a TTY, never per tick', () => {
    const stream = fakeStream(false);
    const c = clock();
    const p = createProgress({ total: 1000, unit: 'batches', stream, now: c.now, percentStep: 25, intervalMs: 60_000 });
    for (let i = 0; i < 1000; i++) {
      c.advance(10);
      p.tick();
    }
    p.done();
    expect(stream.chunks).toEqual([
      '250/1000 batches 100 batches/s ETA 0:08\n',
      '500/1000 batches 100 batches/s ETA 0:05\n',
      '750/1000 batches 100 batches/s ETA 0:03\n',
      'done 1000/1000 batches in 0:10 (100 batches/s)\n',
    ]);
    for (const chunk of stream.chunks) expect(chunk.includes('\r') || chunk.includes('\x1b')).toBe(false);
  });

  it('uses the interval when the total is unknown, and prints a failure line', () => {
    const stream = fakeStream(false);
    const c = clock();
    const p = createProgress({ label: 'export', stream, now: c.now, intervalMs: 1000 });
    for (let i = 0; i < 30; i++) {
      c.advance(100);
      p.tick(2);
    }
    expect(stream.chunks).toEqual(['export 20 it 20.0 it/s\n', 'export 40 it 20.0 it/s\n', 'export 60 it 20.0 it/s\n']);
    p.fail('disk full');
    expect(stream.chunks.at(-1)).toBe('export failed at 60 it in 0:03 (20.0 it/s) disk full\n');
  });

  it('treats a TTY under CI as plain, unless forced', () => {
    vi.stubEnv('CI', 'true');
    const stream = fakeStream(true);
    const p = createProgress({ total: 2, stream, now: clock().now });
    p.tick();
    p.done();
    expect(stream.chunks.join('')).not.toContain('\r');
    const forced = fakeStream(false);
    const q = createProgress({ total: 2, stream: forced, tty: true, now: clock().now });
    q.tick();
    expect(forced.chunks[0]).toMatch(/^\r/);
  });

  it('validates its inputs', () => {
    expect(() => createProgress({ total: -1, stream: fakeStream(false) })).toThrow(/total should be a non-negative finite number, but got -1/);
    expect(() => createProgress({ stream: fakeStream(false) }).set(Number.NaN)).toThrow(/finite number/);
  });
});

describe('format helpers', () => {
  it('formats durations, rates and bytes', () => {
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Infinity)).toBe('?');
    expect(formatRate(1234.5)).toBe('1235');
    expect(formatRate(12.345)).toBe('12.3');
    expect(formatRate(0.012345)).toBe('0.0123');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });
});
