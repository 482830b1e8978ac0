import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanXmlElements } from '../../plot/xml-tags.js';
import type { FitContext } from '../fit-context.js';
import { metricBaseName, PlotLogger } from './plot-logger.js';

/** A trainer's view, moved by hand from epoch to epoch (4 steps per epoch, LR halved each epoch). */
function fitContext(): FitContext & { at(epoch: number, metrics: Record<string, number>): FitContext } {
  return {
    stage: 'fit',
    epoch: 0,
    globalStep: 0,
    maxEpochs: 10,
    numTrainBatches: 4,
    numEvalBatches: undefined,
    logEvery: 1,
    metrics: {},
    shouldStop: false,
    learningRate: 0.1,
    setLearningRate: () => undefined,
    saveCheckpoint: async () => undefined,
    log: () => undefined,
    at(epoch, metrics) {
      Object.assign(this, { epoch, globalStep: 4 * (epoch + 1), metrics, learningRate: 0.1 / 2 ** epoch });
      return this;
    },
  };
}

const metricsAt = (e: number): Record<string, number> => ({
  train_loss: 2 / (e + 1),
  val_loss: e === 2 ? Number.NaN : 2.2 / (e + 1),
  val_acc: 0.5 + 0.1 * e,
});

/** Panel title → series name → polyline/dot point counts. */
async function readPanels(path: string): Promise<Map<string, Map<string, number[]>>> {
  const els = scanXmlElements(await readFile(path, 'utf8'));
  const panels = new Map<string, Map<string, number[]>>();
  let panel: Map<string, number[]> | undefined;
  let series: number[] | undefined;
  for (const el of els) {
    if (el.attributes.class === 'panel') {
      panel = undefined;
      series = undefined;
    } else if (el.name === 'text' && panel === undefined && el.attributes['font-weight'] === 'bold') {
      panel = new Map();
      panels.set(el.text, panel);
    } else if (el.name === 'g') {
      series = el.attributes.class === 'series' ? [] : undefined;
      if (series) panel?.set(el.attributes['data-name'] ?? '', series);
    } else if (series && el.name === 'polyline') series.push((el.attributes.points ?? '').split(' ').length);
    else if (series && el.name === 'circle') series.push(1);
  }
  return panels;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirkit-plot-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PlotLogger', () => {
  it('groups metrics by base name', () => {
    expect(['train_loss', 'val_loss', 'val/acc', 'lr', 'test_', 'validation_f1'].map(metricBaseName)).toEqual(
      ['loss', 'loss', 'acc', 'lr', 'test_', 'f1'],
    );
  });

  it('writes one panel per metric base name after each epoch, and resumes with the earlier epochs', async () => {
    const logger = new PlotLogger({ dirpath: join(dir, 'run') });
    const path = join(dir, 'run', 'metrics.svg');
    const ctx = fitContext();
    for (let e = 0; e < 4; e++) {
      await logger.onTrainBatchEnd();
      if (e === 0) await expect(stat(path)).rejects.toThrow(/ENOENT/);
      await logger.onTrainEpochEnd(ctx.at(e, metricsAt(e)));
    }
    let panels = await readPanels(path);
    expect([...panels.keys()]).toEqual(['lr', 'loss', 'acc']);
    expect(Object.fromEntries(panels.get('loss') ?? [])).toEqual({ train_loss: [4], val_loss: [2, 1] });
    expect(Object.fromEntries(panels.get('acc') ?? [])).toEqual({ val_acc: [4] });
    expect(Object.fromEntries(panels.get('lr') ?? [])).toEqual({ lr: [4] });

    // a checkpoint taken here, restored into a fresh logger, keeps epochs 0–3
    const state = JSON.parse(JSON.stringify(logger.stateDict())) as unknown;
    const resumed = new PlotLogger({ dirpath: join(dir, 'run') });
    resumed.loadStateDict(state);
    for (let e = 4; e < 6; e++) await resumed.onTrainEpochEnd(ctx.at(e, metricsAt(e)));
    await resumed.onFitEnd();
    panels = await readPanels(path);
    expect(Object.fromEntries(panels.get('loss') ?? [])).toEqual({ train_loss: [6], val_loss: [2, 3] });
    expect(resumed.epochRows().map((r) => r.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('plots only the given keys, keeps the last row of a repeated epoch and can write only at fit end', async () => {
    const logger = new PlotLogger({
      dirpath: dir,
      filename: 'only.svg',
      keys: ['val_acc', 'missing'],
      everyEpoch: false,
    });
    const path = join(dir, 'only.svg');
    const ctx = fitContext();
    await logger.onTrainEpochEnd(ctx.at(0, metricsAt(0)));
    await logger.onTrainEpochEnd(ctx.at(1, metricsAt(1)));
    await logger.onTrainEpochEnd(ctx.at(1, { ...metricsAt(1), val_acc: 0.9 }));
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
    await logger.onFitEnd();
    const panels = await readPanels(path);
    expect([...panels.keys()]).toEqual(['acc', 'missing']);
    expect(Object.fromEntries(panels.get('acc') ?? [])).toEqual({ val_acc: [2] });
    expect(Object.fromEntries(panels.get('missing') ?? [])).toEqual({ missing: [] });
    expect(logger.plots()[0]?.series[0]?.points).toEqual([
      [0, 0.5],
      [1, 0.9],
    ]);
    expect(() => new PlotLogger({ dirpath: dir, keys: [1 as never] })).toThrow(/keys should be an array/);
  });
});
