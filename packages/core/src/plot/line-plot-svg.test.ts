import { describe, expect, it } from 'vitest';
import { isMirError } from '../errors.js';
import { createRng } from '../random/rng.js';
import { escapeXml, renderLinePlotGridSvg, renderLinePlotSvg } from './line-plot-svg.js';
import { logTicks, niceStep, niceTicks } from './nice-ticks.js';
import { scanXmlElements, type XmlElementInfo } from './xml-tags.js';

/** True when v = m × 10^k with m in {1, 2, 5}. */
function isNiceStep(v: number): boolean {
  const m = v / 10 ** Math.floor(Math.log10(v) + 1e-12);
  return [1, 2, 5, 10].some((n) => Math.abs(m - n) < 1e-9);
}

function seriesGroups(elements: XmlElementInfo[]): Map<string, XmlElementInfo[]> {
  const groups = new Map<string, XmlElementInfo[]>();
  let name: string | undefined;
  for (const el of elements) {
    if (el.name === 'g') name = el.attributes.class === 'series' ? el.attributes['data-name'] : undefined;
    else if (name !== undefined && (el.name === 'polyline' || el.name === 'circle')) {
      groups.set(name, [...(groups.get(name) ?? []), el]);
    }
  }
  return groups;
}

const pointCount = (el: XmlElementInfo): number => (el.attributes.points ?? '').trim().split(/\s+/).length;

describe('nice ticks', () => {
  it('uses 1/2/5×10^k steps whose ticks cover the range (random ranges)', () => {
    const rng = createRng(7);
    for (let t = 0; t < 500; t++) {
      const scale = 10 ** Math.floor(rng.next() * 12 - 6);
      const a = (rng.next() - 0.5) * scale * 10;
      const b = a + rng.next() * scale * 5;
      const { min, max, values } = niceTicks(a, b, 5);
      const step = (values[1] ?? 0) - (values[0] ?? 0);
      expect(isNiceStep(step)).toBe(true);
      expect(min).toBeLessThanOrEqual(a);
      expect(max).toBeGreaterThanOrEqual(b);
      expect(values.length).toBeGreaterThanOrEqual(2);
      expect(values.length).toBeLessThanOrEqual(12);
      for (const v of values) expect(Math.abs(v / step - Math.round(v / step))).toBeLessThan(1e-6);
    }
  });

  it('gives clean decimals, widens a single value and keeps integer steps on request', () => {
    expect(niceTicks(0.13, 0.87).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.35, 5).values).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(niceTicks(3, 3).values).toEqual([2.6, 2.8, 3, 3.2, 3.4]);
    expect(niceTicks(0, 2, 6, true).values).toEqual([0, 1, 2]);
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(7)).toBe(10);
    expect(logTicks(0.003, 20).values).toEqual([-3, -2, -1, 0, 1, 2]);
    expect(logTicks(1e-12, 1e6).values).toEqual([-12, -9, -6, -3, 0, 3, 6]);
  });
});

describe('renderLinePlotSvg', () => {
  it('draws well-formed SVG with one polyline per series and nice tick labels covering the data', () => {
    const svg = renderLinePlotSvg({
      title: 'loss',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [
        { name: 'train_loss', points: [0, 1, 2, 3, 4].map((e) => [e, 2.3 / (e + 1)] as [number, number]) },
        { name: 'val_loss', points: [0, 1, 2].map((e) => [e, 1.7 - 0.4 * e] as [number, number]) },
      ],
    });
    expect(svg).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
    const els = scanXmlElements(svg);
    expect(els.filter((e) => e.name === 'polyline')).toHaveLength(2);
    const groups = seriesGroups(els);
    expect(groups.get('train_loss')?.map(pointCount)).toEqual([5]);
    expect(groups.get('val_loss')?.map(pointCount)).toEqual([3]);
    const root = els[0];
    expect(root?.attributes.width).toBe('640');
    expect(root?.attributes.height).toBe('400');

    // y tick labels: right-aligned texts in the ticks group; x tick labels: centred under the plot
    const yLabels = els
      .filter((e) => e.name === 'text' && e.attributes['text-anchor'] === 'end')
      .map((e) => Number(e.text));
    expect(yLabels.every(Number.isFinite)).toBe(true);
    const step = (yLabels[1] ?? 0) - (yLabels[0] ?? 0);
    expect(isNiceStep(+step.toPrecision(6))).toBe(true);
    expect(Math.min(...yLabels)).toBeLessThanOrEqual(0.46);
    expect(Math.max(...yLabels)).toBeGreaterThanOrEqual(2.3);
    const legend = els.filter((e) => e.name === 'text').map((e) => e.text);
    expect(legend).toEqual(expect.arrayContaining(['loss', 'epoch', 'train_loss', 'val_loss']));

    // every drawn point lies inside the frame
    const frame = els.find((e) => e.attributes.class === 'frame')?.attributes ?? {};
    const [fx, fy, fw, fh] = ['x', 'y', 'width', 'height'].map((k) => Number(frame[k]));
    for (const pl of els.filter((e) => e.name === 'polyline')) {
      for (const p of (pl.attributes.points ?? '').split(' ')) {
        const [x, y] = p.split(',').map(Number);
        expect(x).toBeGreaterThanOrEqual((fx ?? 0) - 1e-9);
        expect(x).toBeLessThanOrEqual((fx ?? 0) + (fw ?? 0) + 1e-9);
        expect(y).toBeGreaterThanOrEqual((fy ?? 0) - 1e-9);
        expect(y).toBeLessThanOrEqual((fy ?? 0) + (fh ?? 0) + 1e-9);
      }
    }
  });

  it('breaks lines at NaN/Infinity and draws an isolated point as a dot', () => {
    const svg = renderLinePlotSvg({
      xLabel: 'x',
      series: [
        {
          name: 'a',
          points: [
            [0, 1],
            [1, Number.NaN],
            [2, 3],
            [3, 4],
            [4, 5],
            [5, Number.POSITIVE_INFINITY],
            [6, 2],
          ],
        },
        {
          name: 'b',
          points: [
            [Number.NaN, 1],
            [1, 1],
            [2, 2],
          ],
        },
      ],
    });
    const groups = seriesGroups(scanXmlElements(svg));
    expect(groups.get('a')?.map((e) => (e.name === 'polyline' ? pointCount(e) : e.name))).toEqual([
      'circle',
      3,
      'circle',
    ]);
    expect(groups.get('b')?.map(pointCount)).toEqual([2]);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('handles empty series, log axes and escapes text', () => {
    const empty = renderLinePlotSvg({ xLabel: 'epoch', series: [] });
    expect(scanXmlElements(empty).some((e) => e.text === 'no data')).toBe(true);
    const noPoints = renderLinePlotSvg({ xLabel: 'epoch', series: [{ name: 'x', points: [] }] });
    const els = scanXmlElements(noPoints);
    expect(els.filter((e) => e.name === 'polyline')).toHaveLength(0);
    expect(els.some((e) => e.text === 'x')).toBe(true);

    const log = scanXmlElements(
      renderLinePlotSvg({
        xLabel: 'epoch',
        logY: true,
        series: [
          {
            name: 'lr',
            points: [
              [0, 0.1],
              [1, 0.01],
              [2, 0],
              [3, 0.001],
              [4, 0.0001],
            ],
          },
        ],
      }),
    );
    expect(seriesGroups(log).get('lr')?.map(pointCount)).toEqual([2, 2]);
    const yTicks = log
      .filter((e) => e.name === 'text' && e.attributes['text-anchor'] === 'end')
      .map((e) => e.text);
    expect(yTicks).toEqual(['1e-4', '0.001', '0.01', '0.1']);

    const title = `a<b & "c" 'd' >`;
    const svg = renderLinePlotSvg({ title, xLabel: '<x>', series: [{ name: 'R&B "q"', points: [[0, 1]] }] });
    const parsed = scanXmlElements(svg);
    expect(parsed.some((e) => e.text === escapeXml(title))).toBe(true);
    expect(escapeXml(title)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;');
    expect(svg).toContain('data-name="R&amp;B &quot;q&quot;"');
    expect(svg).not.toContain('<x>');
    expect(() => scanXmlElements('<svg><g></svg>')).toThrow(/<\/svg> at offset 8 closes <g>/);
    expect(() => scanXmlElements('<svg>a & b</svg>')).toThrow(/bare '&'/);
  });

  it('puts the legend in the corner with the least data', () => {
    const legendBox = (points: [number, number][]): Record<string, string> => {
      const els = scanXmlElements(renderLinePlotSvg({ xLabel: 'x', series: [{ name: 'rising', points }] }));
      const i = els.findIndex((e) => e.attributes.class === 'legend');
      return els[i + 1]?.attributes ?? {};
    };
    const rising = legendBox([
      [0, 0],
      [10, 10],
    ]);
    const falling = legendBox([
      [0, 10],
      [10, 0],
    ]);
    expect(Number(rising.y)).toBeGreaterThan(Number(falling.y)); // rising → bottom-right, falling → top-right
    expect(Number(rising.x)).toBe(Number(falling.x));
  });

  it('rejects bad sizes and series with a clear error, and stacks panels in a grid', () => {
    try {
      renderLinePlotSvg({ xLabel: 'x', series: [], width: 10 });
      expect.unreachable();
    } catch (error) {
      expect(isMirError(error) && error.code).toBe('ERR_INVALID_OPTION');
      expect(String(error)).toMatch(/at least 160 × 120 pixels, but got 10 × 400/);
    }
    expect(() =>
      renderLinePlotSvg({ xLabel: 'x', series: [{ name: 's', points: [[0, 1], [1] as never] }] }),
    ).toThrow("series[0] ('s') point 1 should be a pair of numbers");

    const panel = {
      xLabel: 'x',
      series: [
        {
          name: 's',
          points: [
            [0, 1],
            [1, 2],
          ] as [number, number][],
        },
      ],
    };
    const grid = renderLinePlotGridSvg(
      [
        { ...panel, width: 300, height: 200 },
        { ...panel, width: 300, height: 250 },
        { ...panel, width: 400, height: 200 },
      ],
      { columns: 2 },
    );
    const els = scanXmlElements(grid);
    expect(els[0]?.attributes.viewBox).toBe('0 0 600 450');
    expect(els.filter((e) => e.attributes.class === 'panel').map((e) => e.attributes.transform)).toEqual([
      'translate(0 0)',
      'translate(300 0)',
      'translate(0 250)',
    ]);
    expect(els.filter((e) => e.name === 'polyline')).toHaveLength(3);
    expect(() => renderLinePlotGridSvg([], { columns: 0 })).toThrow(/columns should be a positive integer/);
  });
});
