import { describe, expect, it } from 'vitest';
import { ndarray } from '../array/nd-array.js';
import { isMirError } from '../errors.js';
import { RankingScore, rocAucScore } from './roc-auc.js';

/**
 * Golden values from scikit-learn 1.2.1 `roc_auc_score(y_true, y_score, multi_class=…, average=…, labels=…)` on
 * seeded numpy draws (Dirichlet rows rounded so they sum to 1; the ties case picks rows from 8 exact vectors).
 * In 'absent-class-label-seed43', class 3 of `labels` has no sample: sklearn 1.2 raises for its one-vs-rest AUC,
 * 1.9 returns NaN (as here); its other columns are sklearn's binary AUCs; one-vs-one skips the absent class.
 */
interface Case {
  name: string;
  yTrue: number[];
  yScore: number[][];
  labels?: number[];
  expected: {
    ovrMacro: number;
    ovrWeighted: number;
    ovrNone: number[];
    ovrMicro: number;
    ovoMacro: number;
    ovoWeighted: number;
  };
}

const CASES: Case[] = [
  {
    name: 'four-classes-seed7',
    yTrue: [0, 1, 2, 3, 2, 3, 3, 0, 0, 1, 1, 3, 3, 0, 1, 3, 0, 3, 0, 1, 3, 1, 1, 1],
    yScore: [
      [0.221, 0.263, 0.462, 0.05400000000000005],
      [0.615, 0.144, 0.068, 0.17300000000000004],
      [0.035, 0.028, 0.574, 0.363],
      [0.502, 0.109, 0.119, 0.27],
      [0.284, 0.012, 0.158, 0.546],
      [0.216, 0.474, 0.003, 0.30700000000000005],
      [0.049, 0.07, 0.605, 0.276],
      [0.479, 0.22, 0.283, 0.018000000000000016],
      [0.104, 0.082, 0.394, 0.41999999999999993],
      [0.077, 0.233, 0.648, 0.04200000000000004],
      [0.018, 0.157, 0.338, 0.487],
      [0.19, 0.352, 0.206, 0.252],
      [0.033, 0.567, 0.201, 0.19900000000000007],
      [0.008, 0.335, 0.328, 0.32899999999999996],
      [0.137, 0.328, 0.379, 0.15599999999999992],
      [0.101, 0.489, 0.194, 0.21599999999999997],
      [0.036, 0.078, 0.654, 0.23199999999999998],
      [0.005, 0.277, 0.103, 0.615],
      [0.371, 0.43, 0.191, 0.008000000000000007],
      [0.667, 0.058, 0.256, 0.018999999999999906],
      [0.74, 0.004, 0.232, 0.02400000000000002],
      [0.036, 0.312, 0.519, 0.133],
      [0.277, 0.206, 0.091, 0.42600000000000005],
      [0.454, 0.084, 0.179, 0.2829999999999999],
    ],
    expected: {
      ovrMacro: 0.5094828493265993,
      ovrWeighted: 0.5032091750841751,
      ovrNone: [0.47685185185185186, 0.453125, 0.5454545454545454, 0.5625],
      ovrMicro: 0.4901620370370371,
      ovoMacro: 0.5203993055555556,
      ovoWeighted: 0.5149016203703703,
    },
  },
  {
    name: 'ties-seed11',
    yTrue: [0, 1, 2, 1, 1, 1, 2, 0, 1, 0, 1, 2, 1, 0, 1, 0, 2, 2, 2, 1, 2, 1, 0, 1, 1, 1, 2, 0, 2, 0],
    yScore: [
      [0.25, 0.25, 0.5],
      [1.0, 0.0, 0.0],
      [0.25, 0.5, 0.25],
      [0.5, 0.0, 0.5],
      [0.5, 0.5, 0.0],
      [0.0, 0.5, 0.5],
      [0.25, 0.25, 0.5],
      [1.0, 0.0, 0.0],
      [1.0, 0.0, 0.0],
      [0.0, 0.5, 0.5],
      [0.25, 0.25, 0.5],
      [0.25, 0.25, 0.5],
      [0.25, 0.5, 0.25],
      [0.25, 0.5, 0.25],
      [0.25, 0.25, 0.5],
      [0.0, 0.5, 0.5],
      [1.0, 0.0, 0.0],
      [0.5, 0.5, 0.0],
      [0.25, 0.25, 0.5],
      [0.25, 0.25, 0.5],
      [0.25, 0.25, 0.5],
      [0.0, 0.5, 0.5],
      [0.5, 0.0, 0.5],
      [0.25, 0.5, 0.25],
      [0.0, 0.5, 0.5],
      [1.0, 0.0, 0.0],
      [0.25, 0.25, 0.5],
      [1.0, 0.0, 0.0],
      [0.25, 0.25, 0.5],
      [0.25, 0.5, 0.25],
    ],
    expected: {
      ovrMacro: 0.5252381287920503,
      ovrWeighted: 0.5254116798234445,
      ovrNone: [0.49147727272727265, 0.5180995475113123, 0.566137566137566],
      ovrMicro: 0.5208333333333334,
      ovoMacro: 0.5249287749287749,
      ovoWeighted: 0.5251068376068376,
    },
  },
  {
    name: 'single-sample-class-seed23',
    yTrue: [0, 2, 1, 2, 1, 0, 2, 0, 0, 2, 2, 3, 1, 0, 0, 0, 0, 2, 3, 1, 4],
    yScore: [
      [0.352, 0.183, 0.071, 0.205, 0.18900000000000017],
      [0.254, 0.376, 0.058, 0.198, 0.11399999999999988],
      [0.002, 0.245, 0.267, 0.4, 0.08599999999999997],
      [0.003, 0.166, 0.07, 0.374, 0.387],
      [0.231, 0.355, 0.202, 0.044, 0.16799999999999993],
      [0.036, 0.131, 0.109, 0.278, 0.44599999999999995],
      [0.202, 0.066, 0.1, 0.477, 0.15500000000000003],
      [0.455, 0.064, 0.031, 0.038, 0.4119999999999999],
      [0.21, 0.039, 0.231, 0.067, 0.45300000000000007],
      [0.053, 0.493, 0.271, 0.12, 0.06299999999999994],
      [0.406, 0.19, 0.095, 0.258, 0.050999999999999934],
      [0.005, 0.053, 0.416, 0.367, 0.15900000000000003],
      [0.329, 0.017, 0.423, 0.08, 0.15100000000000002],
      [0.057, 0.023, 0.303, 0.276, 0.34099999999999997],
      [0.683, 0.055, 0.079, 0.175, 0.008000000000000007],
      [0.244, 0.156, 0.035, 0.061, 0.504],
      [0.326, 0.013, 0.259, 0.039, 0.3629999999999999],
      [0.127, 0.217, 0.269, 0.364, 0.02300000000000002],
      [0.061, 0.146, 0.182, 0.606, 0.0050000000000000044],
      [0.492, 0.16, 0.093, 0.16, 0.09499999999999997],
      [0.068, 0.046, 0.218, 0.013, 0.655],
    ],
    expected: {
      ovrMacro: 0.7267997671403243,
      ovrWeighted: 0.630030581733368,
      ovrNone: [0.673076923076923, 0.6176470588235293, 0.42222222222222217, 0.9210526315789473, 1.0],
      ovrMicro: 0.6221655328798187,
      ovoMacro: 0.7276041666666667,
      ovoWeighted: 0.6904761904761905,
    },
  },
  {
    name: 'labels-1-3-7-10-seed31',
    yTrue: [1, 3, 7, 10, 7, 7, 1, 3, 3, 7, 7, 1, 1, 1, 10, 1, 10, 10, 7, 3, 3, 7],
    yScore: [
      [0.28, 0.25, 0.15, 0.31999999999999995],
      [0.6, 0.15, 0.24, 0.010000000000000009],
      [0.14, 0.22, 0.14, 0.5],
      [0.45, 0.13, 0.04, 0.3799999999999999],
      [0.07, 0.2, 0.63, 0.09999999999999998],
      [0.04, 0.19, 0.07, 0.7],
      [0.26, 0.35, 0.32, 0.07000000000000006],
      [0.2, 0.07, 0.67, 0.05999999999999994],
      [0.41, 0.35, 0.06, 0.17999999999999994],
      [0.08, 0.41, 0.01, 0.5],
      [0.01, 0.46, 0.09, 0.43999999999999995],
      [0.36, 0.11, 0.17, 0.36],
      [0.19, 0.2, 0.25, 0.36],
      [0.05, 0.1, 0.34, 0.51],
      [0.18, 0.28, 0.26, 0.28],
      [0.12, 0.09, 0.38, 0.41000000000000003],
      [0.3, 0.12, 0.07, 0.51],
      [0.1, 0.01, 0.5, 0.39],
      [0.18, 0.43, 0.33, 0.06000000000000005],
      [0.38, 0.22, 0.22, 0.18000000000000005],
      [0.14, 0.05, 0.76, 0.050000000000000044],
      [0.21, 0.73, 0.06, 0.0],
    ],
    labels: [1, 3, 7, 10],
    expected: {
      ovrMacro: 0.4688900560224089,
      ovrWeighted: 0.44725935828877,
      ovrNone: [0.5208333333333333, 0.3529411764705882, 0.3142857142857142, 0.6875],
      ovrMicro: 0.4586776859504132,
      ovoMacro: 0.47842261904761907,
      ovoWeighted: 0.46520562770562773,
    },
  },
  {
    name: 'absent-class-label-seed43',
    yTrue: [0, 1, 2, 0, 1, 0, 0, 2, 1, 1, 2, 0, 2, 2, 1, 0, 0, 1],
    yScore: [
      [0.1, 0.2, 0.6, 0.09999999999999998],
      [0.5, 0.4, 0.0, 0.09999999999999998],
      [0.1, 0.2, 0.1, 0.6],
      [0.2, 0.3, 0.0, 0.5],
      [0.0, 0.2, 0.1, 0.7],
      [0.2, 0.4, 0.3, 0.09999999999999987],
      [0.5, 0.3, 0.0, 0.19999999999999996],
      [0.4, 0.2, 0.4, 0.0],
      [0.2, 0.0, 0.2, 0.6],
      [0.1, 0.1, 0.2, 0.6],
      [0.2, 0.0, 0.0, 0.8],
      [0.3, 0.2, 0.2, 0.30000000000000004],
      [0.3, 0.5, 0.2, 0.0],
      [0.0, 0.4, 0.2, 0.3999999999999999],
      [0.1, 0.4, 0.0, 0.5],
      [0.1, 0.6, 0.1, 0.20000000000000007],
      [0.4, 0.1, 0.5, 0.0],
      [0.2, 0.3, 0.3, 0.19999999999999996],
    ],
    labels: [0, 1, 2, 3],
    expected: {
      ovrMacro: NaN,
      ovrWeighted: NaN,
      ovrNone: [0.6298701298701299, 0.4305555555555555, 0.5076923076923077, NaN],
      ovrMicro: 0.4933127572016461,
      ovoMacro: 0.5246031746031746,
      ovoWeighted: 0.5251322751322751,
    },
  },
];

const TOL = 1e-12;

function close(actual: number, expected: number, label: string): void {
  if (Number.isNaN(expected)) {
    expect(actual, label).toBeNaN();
    return;
  }
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);
}

function closeAll(actual: number | number[], expected: number | number[], label: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), label).toBe(true);
    expect((actual as number[]).length, label).toBe(expected.length);
    expected.forEach((e, i) => close((actual as number[])[i]!, e, `${label}[${i}]`));
  } else close(actual as number, expected, label);
}

function configError(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(isMirError(caught) && caught.name === 'ConfigError', String(caught)).toBe(true);
  expect((caught as Error).message).toMatch(message);
}

describe('multiclass ROC AUC equals scikit-learn roc_auc_score', () => {
  it('covers 5 seeded cases (ties, a single-sample class, explicit and absent labels)', () => {
    expect(CASES).toHaveLength(5);
    // The single-sample class and the ties really are there.
    expect(CASES[2]!.yTrue.filter((v) => v === 4)).toHaveLength(1);
    expect(new Set(CASES[1]!.yScore.map((r) => r.join())).size).toBeLessThan(CASES[1]!.yScore.length);
  });

  for (const c of CASES) {
    it(`${c.name}: ovr macro/weighted/none/micro and ovo macro/weighted`, () => {
      const labels = c.labels ? { labels: c.labels } : {};
      const e = c.expected;
      const ovr = (average: 'macro' | 'weighted' | 'none' | 'micro'): number | number[] =>
        rocAucScore(c.yTrue, c.yScore, { multiClass: 'ovr', average, ...labels });
      closeAll(ovr('macro'), e.ovrMacro, 'ovr macro');
      closeAll(ovr('weighted'), e.ovrWeighted, 'ovr weighted');
      closeAll(ovr('none'), e.ovrNone, 'ovr none');
      closeAll(ovr('micro'), e.ovrMicro, 'ovr micro');
      closeAll(rocAucScore(c.yTrue, c.yScore, { multiClass: 'ovr', ...labels }), e.ovrMacro, 'ovr default');
      const ovo = (average: 'macro' | 'weighted'): number | number[] =>
        rocAucScore(c.yTrue, c.yScore, { multiClass: 'ovo', average, ...labels });
      closeAll(ovo('macro'), e.ovoMacro, 'ovo macro');
      closeAll(ovo('weighted'), e.ovoWeighted, 'ovo weighted');

      // Streaming in uneven chunks, NdArray input, gives the same numbers.
      const width = c.yScore[0]!.length;
      const auc = new RankingScore('roc-auc', { multiClass: 'ovo', average: 'weighted', ...labels });
      for (let start = 0; start < c.yTrue.length; start += 7) {
        const t = c.yTrue.slice(start, start + 7);
        const s = c.yScore.slice(start, start + 7);
        auc.update(
          ndarray(new Int32Array(t), [t.length], 'int32'),
          ndarray(new Float64Array(s.flat()), [s.length, width], 'float64'),
        );
      }
      closeAll(auc.compute(), e.ovoWeighted, 'streaming ovo weighted');
      closeAll(
        auc.compute({ multiClass: 'ovr', average: 'none', ...labels }),
        e.ovrNone,
        'streaming ovr none',
      );
      auc.reset();
      auc.update(c.yTrue.slice(0, 3), c.yScore.slice(0, 3));
      auc.reset();
      auc.update(c.yTrue, c.yScore);
      closeAll(auc.compute(), e.ovoWeighted, 'after reset');
    });
  }

  it('one-vs-one with fewer than two classes present is NaN (numpy mean of no pairs)', () => {
    const s = [
      [0.5, 0.3, 0.2],
      [0.2, 0.3, 0.5],
    ];
    expect(rocAucScore([1, 1], s, { multiClass: 'ovo', labels: [0, 1, 2] })).toBeNaN();
  });

  it('rejects what sklearn rejects, naming the problem', () => {
    const t = [0, 1, 2];
    const s = [
      [0.5, 0.3, 0.2],
      [0.2, 0.3, 0.5],
      [0.1, 0.1, 0.8],
    ];
    configError(() => rocAucScore(t, s), /multiClass 'ovr' or 'ovo'/);
    // Row sums are checked with numpy allclose (rtol 1e-5, atol 1e-8): 5e-6 off passes, 1.5e-5 off fails.
    const off = (d: number): number[][] => [s[0]!, s[1]!, [0.1, 0.1, 0.8 + d]];
    // sklearn 1.2.1 gives 0.9166666666666666 for this one.
    close(rocAucScore(t, off(5e-6), { multiClass: 'ovr' }) as number, 0.9166666666666666, 'within allclose');
    configError(() => rocAucScore(t, off(1.5e-5), { multiClass: 'ovr' }), /yScore row 2 sums to 1\.0000/);
    configError(
      () => rocAucScore(t, [s[0]!, [0.2, 0.3, 0.4], s[2]!], { multiClass: 'ovo' }),
      /yScore row 1 sums to 0\.9.*probabilities/,
    );
    configError(
      () => rocAucScore(t, [s[0]!, [0.2, Number.NaN, 0.5], s[2]!], { multiClass: 'ovo' }),
      /yScore row 1 sums to NaN/,
    );
    configError(() => rocAucScore(t, s, { multiClass: 'ovo', average: 'none' }), /'none' is not implemented/);
    configError(
      () => rocAucScore(t, s, { multiClass: 'ovo', average: 'micro' }),
      /'macro', 'weighted'.*'micro'/,
    );
    configError(() => rocAucScore(t, s, { multiClass: 'ovr', labels: [0, 2, 1] }), /ascending/);
    configError(() => rocAucScore(t, s, { multiClass: 'ovr', labels: [0, 1, 1] }), /unique/);
    configError(
      () => rocAucScore([0, 1, 3], s, { multiClass: 'ovr', labels: [0, 1, 2] }),
      /label 3 at index 2 is not in labels \[0, 1, 2\]/,
    );
    configError(() => rocAucScore(t, s, { multiClass: 'ovr', labels: [0, 1, 2, 3] }), /4 labels.*3 columns/);
    configError(
      () => rocAucScore([0, 1, 2, 3], [...s, [0.1, 0.1, 0.8]], { multiClass: 'ovr' }),
      /4 classes but yScore has 3 columns/,
    );
    configError(
      () => rocAucScore([0, 1, 2, 2], s, { multiClass: 'ovr' }),
      /inconsistent numbers of samples: 4 vs 3/,
    );
    configError(
      () => rocAucScore([0, Number.NaN, 2], s, { multiClass: 'ovr', labels: [0, 1, 2] }),
      /label at index 1 is not finite/,
    );
    configError(
      () => rocAucScore(t, s, { multiClass: 'ovr', onlyClassesWithPositives: true }),
      /multilabel input only/,
    );
    configError(() => new RankingScore('roc-auc', { multiClass: 'ovr' }).compute(), /no samples/);
    configError(
      () => new RankingScore('roc-auc').update(t, s).update([1], [[0.5, 0.5]]),
      /yScore has 2 columns, earlier updates had 3/,
    );
  });

  it('leaves binary and multilabel input alone (multiClass and labels are ignored there, as in sklearn)', () => {
    const bin = rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(bin).toBeCloseTo(0.75, 15);
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], { multiClass: 'ovo', labels: [5] })).toBe(bin);
  });
});
