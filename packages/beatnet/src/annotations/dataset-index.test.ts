import type { MirError } from '@mirkit/core';
import { catchMirError } from '../test-utils/catch-mir-error.js';
import { requireFixtures } from '@mirkit/core/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatasetIndex, readDatasetIndex } from './dataset-index.js';

const dir = requireFixtures('beatnet');
const HEADER = 'dataset,audio_path,beats_path,has_downbeats\n';

function failure(text: string): MirError {
  return catchMirError(() => parseDatasetIndex(text, 'index.csv'));
}

describe('dataset_index.csv', () => {
  it.skipIf(!dir)('reads the fixture index (5 rows)', async () => {
    const rows = await readDatasetIndex(join(dir!, 'index', 'dataset_index.csv'));
    expect(rows.map((r) => r.dataset)).toEqual(['ballroom', 'gtzan', 'ballroom', 'ballroom', 'gtzan']);
    expect(rows[3]).toEqual({ dataset: 'ballroom', audioPath: 'audio/synth_c_44k_stereo.flac', beatsPath: 'annotations/synth_c.beats', hasDownbeats: true });
    expect(rows[4]!.hasDownbeats).toBe(false);
  });

  it('accepts any column order, CRLF and blank lines', () => {
    const rows = parseDatasetIndex('has_downbeats,beats_path,audio_path,dataset\r\nFalse,b.beats,a.wav,gtzan\r\n\r\n');
    expect(rows).toEqual([{ dataset: 'gtzan', audioPath: 'a.wav', beatsPath: 'b.beats', hasDownbeats: false }]);
  });

  it('errors name the file, line, row and column', () => {
    const missing = failure('dataset,audio_path,beats_path\n');
    expect(missing.code).toBe('ERR_DATASET_INDEX');
    expect(missing.message).toMatch(/^index\.csv: line 1: header lacks column 'has_downbeats'/);
    const flag = failure(`${HEADER}ballroom,a.wav,a.beats,True\nballroom,b.wav,b.beats,yes\n`);
    expect(flag.message).toMatch(/^index\.csv: line 3 \(row 1\), column 'has_downbeats': expected True or False, got 'yes'/);
    expect(flag.details).toMatchObject({ file: 'index.csv', line: 3, row: 1, column: 'has_downbeats' });
    expect(failure(`${HEADER}ballroom,a.wav,True\n`).message).toMatch(/line 2 \(row 0\): expected 4 comma-separated cells, got 3/);
    expect(failure(`${HEADER}ballroom,,a.beats,True\n`).message).toMatch(/column 'audio_path': empty value/);
    expect(failure('').message).toMatch(/empty file/);
  });
});
