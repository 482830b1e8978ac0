import { ConfigError } from '../errors.js';
import { formatDecade, formatTick, logTicks, niceTicks, type Ticks } from './nice-ticks.js';

/** One line: `[x, y]` points drawn in the given order; a non-finite coordinate breaks the line. */
export interface LineSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
}

export interface LinePlotOptions {
  title?: string;
  xLabel: string;
  yLabel?: string;
  series: readonly LineSeries[];
  /** Pixels (default 640 × 400). */
  width?: number;
  height?: number;
  /** Logarithmic y axis (ticks at powers of ten); points with y ≤ 0 are skipped like NaN. */
  logY?: boolean;
  /** Keep x ticks on whole numbers (epochs, steps). */
  integerX?: boolean;
}

export interface LinePlotGridOptions {
  /** Panels per row (default 1). */
  columns?: number;
}

/** Matplotlib's tab10; series past the tenth reuse it with a dash pattern. */
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
const DASHES = ['', '6 3', '2 2', '8 3 2 3'];
const CHAR_W = 6.6;
/** Spacing of the points sampled along lines when placing the legend. */
const LEGEND_SAMPLE_PX = 4;
const MIN_W = 160;
const MIN_H = 120;

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

function r2(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function checkOptions(o: LinePlotOptions, where: string): { width: number; height: number } {
  const width = o.width ?? 640;
  const height = o.height ?? 400;
  if (!Number.isFinite(width) || width < MIN_W || !Number.isFinite(height) || height < MIN_H) {
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `${where}: width and height should be finite and at least ${MIN_W} × ${MIN_H} pixels, but got ${width} × ${height}`,
    );
  }
  if (!Array.isArray(o.series)) {
    throw new ConfigError('ERR_INVALID_OPTION', `${where}: series should be an array of { name, points }`);
  }
  o.series.forEach((s, i) => {
    const points: unknown = (s as Partial<LineSeries> | undefined)?.points;
    if (typeof s?.name !== 'string' || !Array.isArray(points)) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `${where}: series[${i}] should be { name: string, points: [x, y][] }`,
      );
    }
    (points as unknown[]).forEach((p, j) => {
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
        throw new ConfigError(
          'ERR_INVALID_OPTION',
          `${where}: series[${i}] ('${s.name}') point ${j} should be a pair of numbers [x, y]`,
        );
      }
    });
  });
  return { width, height };
}

/** The plot's elements (no `<svg>` wrapper), in a `width × height` box at the origin. */
function renderPanel(o: LinePlotOptions, width: number, height: number): string {
  const logY = o.logY === true;
  const usable = (x: number, y: number): boolean =>
    Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0);

  let xLo = Infinity;
  let xHi = -Infinity;
  let yLo = Infinity;
  let yHi = -Infinity;
  for (const s of o.series) {
    for (const [x, y] of s.points) {
      if (!usable(x, y)) continue;
      xLo = Math.min(xLo, x);
      xHi = Math.max(xHi, x);
      yLo = Math.min(yLo, y);
      yHi = Math.max(yHi, y);
    }
  }
  const hasData = xLo <= xHi;
  const xt = hasData ? niceTicks(xLo, xHi, 6, o.integerX === true) : niceTicks(0, 1, 5, o.integerX === true);
  const yt: Ticks = logY ? (hasData ? logTicks(yLo, yHi) : logTicks(1, 10)) : niceTicks(yLo, yHi, 5);
  const yStep = (yt.values[1] ?? yt.max) - (yt.values[0] ?? yt.min) || 1;
  const xStep = (xt.values[1] ?? xt.max) - (xt.values[0] ?? xt.min) || 1;
  const yLabels = yt.values.map((v) => (logY ? formatDecade(v) : formatTick(v, yStep)));
  const xLabels = xt.values.map((v) => formatTick(v, xStep));

  const top = o.title !== undefined ? 34 : 14;
  const left = 14 + Math.max(...yLabels.map((l) => l.length)) * CHAR_W + (o.yLabel !== undefined ? 20 : 0);
  const right = 16 + (CHAR_W * (xLabels[xLabels.length - 1]?.length ?? 1)) / 2;
  const bottom = 46;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const sx = (x: number): number => left + ((x - xt.min) / (xt.max - xt.min)) * plotW;
  const sy = (y: number): number =>
    top + plotH - (((logY ? Math.log10(y) : y) - yt.min) / (yt.max - yt.min)) * plotH;
  const syTick = (t: number): number => top + plotH - ((t - yt.min) / (yt.max - yt.min)) * plotH;

  const out: string[] = [];
  out.push(`<rect width="${r2(width)}" height="${r2(height)}" fill="#ffffff"/>`);
  if (o.title !== undefined) {
    out.push(
      `<text x="${r2(width / 2)}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(o.title)}</text>`,
    );
  }
  const grid: string[] = [];
  const labels: string[] = [];
  xt.values.forEach((v, i) => {
    const x = r2(sx(v));
    grid.push(`<line x1="${x}" y1="${r2(top)}" x2="${x}" y2="${r2(top + plotH)}"/>`);
    labels.push(
      `<text x="${x}" y="${r2(top + plotH + 16)}" text-anchor="middle">${escapeXml(xLabels[i] ?? '')}</text>`,
    );
  });
  yt.values.forEach((v, i) => {
    const y = r2(syTick(v));
    grid.push(`<line x1="${r2(left)}" y1="${y}" x2="${r2(left + plotW)}" y2="${y}"/>`);
    labels.push(
      `<text x="${r2(left - 6)}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(yLabels[i] ?? '')}</text>`,
    );
  });
  out.push(`<g class="grid" stroke="#e5e5e5" stroke-width="1">${grid.join('')}</g>`);
  out.push(
    `<rect class="frame" x="${r2(left)}" y="${r2(top)}" width="${r2(plotW)}" height="${r2(plotH)}" fill="none" stroke="#333333"/>`,
  );
  out.push(`<g class="ticks" fill="#333333">${labels.join('')}</g>`);
  out.push(
    `<text class="x-label" x="${r2(left + plotW / 2)}" y="${r2(height - 8)}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`,
  );
  if (o.yLabel !== undefined) {
    const cy = r2(top + plotH / 2);
    out.push(
      `<text class="y-label" x="14" y="${cy}" text-anchor="middle" transform="rotate(-90 14 ${cy})">${escapeXml(o.yLabel)}</text>`,
    );
  }

  /** Points along the drawn lines, to keep the legend off the data. */
  const drawn: [number, number][] = [];
  o.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length] ?? '#000000';
    const dash = DASHES[Math.floor(i / PALETTE.length) % DASHES.length] ?? '';
    const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
    const runs: string[][] = [[]];
    let prev: [number, number] | undefined;
    for (const [x, y] of s.points) {
      if (usable(x, y)) {
        const p: [number, number] = [sx(x), sy(y)];
        runs[runs.length - 1]?.push(`${r2(p[0])},${r2(p[1])}`);
        const n = prev ? Math.ceil(Math.hypot(p[0] - prev[0], p[1] - prev[1]) / LEGEND_SAMPLE_PX) : 1;
        for (let k = 1; k <= n; k++) {
          const t = k / n;
          drawn.push(prev ? [prev[0] + (p[0] - prev[0]) * t, prev[1] + (p[1] - prev[1]) * t] : p);
        }
        prev = p;
      } else {
        prev = undefined;
        if (runs[runs.length - 1]?.length) runs.push([]);
      }
    }
    const parts = runs
      .filter((run) => run.length > 0)
      .map((run) => {
        if (run.length > 1) return `<polyline points="${run.join(' ')}"/>`;
        const [cx, cy] = (run[0] ?? '0,0').split(',');
        return `<circle cx="${cx}" cy="${cy}" r="2.5" fill="${color}" stroke="none"/>`;
      });
    out.push(
      `<g class="series" data-name="${escapeXml(s.name)}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"${dashAttr}>${parts.join('')}</g>`,
    );
  });

  if (!hasData) {
    out.push(
      `<text x="${r2(left + plotW / 2)}" y="${r2(top + plotH / 2)}" text-anchor="middle" fill="#888888">no data</text>`,
    );
  }
  if (o.series.length > 0) {
    const rowH = 16;
    const boxW = 38 + Math.max(...o.series.map((s) => s.name.length)) * CHAR_W;
    const boxH = 8 + rowH * o.series.length;
    // the corner (top-right, bottom-right, top-left, bottom-left) whose box covers the fewest drawn points
    const corners: [number, number][] = [
      [left + plotW - boxW - 8, top + 8],
      [left + plotW - boxW - 8, top + plotH - boxH - 8],
      [left + 8, top + 8],
      [left + 8, top + plotH - boxH - 8],
    ];
    const covered = corners.map(
      ([cx, cy]) =>
        drawn.filter(([x, y]) => x >= cx - 4 && x <= cx + boxW + 4 && y >= cy - 4 && y <= cy + boxH + 4)
          .length,
    );
    const best = covered.indexOf(Math.min(...covered));
    const [bx, by] = corners[best] ?? [left + plotW - boxW - 8, top + 8];
    const items = o.series.map((s, i) => {
      const color = PALETTE[i % PALETTE.length] ?? '#000000';
      const dash = DASHES[Math.floor(i / PALETTE.length) % DASHES.length] ?? '';
      const y = by + 4 + rowH * i + rowH / 2;
      return (
        `<line x1="${r2(bx + 8)}" y1="${r2(y)}" x2="${r2(bx + 28)}" y2="${r2(y)}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
        `<text x="${r2(bx + 34)}" y="${r2(y)}" dominant-baseline="middle">${escapeXml(s.name)}</text>`
      );
    });
    out.push(
      `<g class="legend"><rect x="${r2(bx)}" y="${r2(by)}" width="${r2(boxW)}" height="${r2(boxH)}" fill="#ffffff" fill-opacity="0.85" stroke="#cccccc"/>${items.join('')}</g>`,
    );
  }
  return out.join('\n');
}

function wrap(width: number, height: number, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r2(width)}" height="${r2(height)}" viewBox="0 0 ${r2(width)} ${r2(height)}" font-family="sans-serif" font-size="12">\n` +
    `${body}\n</svg>\n`
  );
}

/**
 * Renders a line plot as a standalone SVG document: axes with 1/2/5×10^k ticks (powers of ten with `logY`), grid,
 * tick labels, a legend and one `<polyline>` per unbroken run of each series (an isolated point is a dot). Pure: no
 * DOM, no I/O.
 */
export function renderLinePlotSvg(options: LinePlotOptions): string {
  const { width, height } = checkOptions(options, 'renderLinePlotSvg');
  return wrap(width, height, renderPanel(options, width, height));
}

/** Several plots in one SVG document, laid out row by row, `columns` per row; each keeps its own size. */
export function renderLinePlotGridSvg(
  plots: readonly LinePlotOptions[],
  options: LinePlotGridOptions = {},
): string {
  const columns = options.columns ?? 1;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `renderLinePlotGridSvg: columns should be a positive integer, but got ${columns}`,
    );
  }
  const sizes = plots.map((p, i) => checkOptions(p, `renderLinePlotGridSvg: plots[${i}]`));
  const panels: string[] = [];
  let y = 0;
  let totalW = 0;
  for (let row = 0; row * columns < plots.length; row++) {
    let x = 0;
    let rowH = 0;
    for (let c = 0; c < columns; c++) {
      const i = row * columns + c;
      const plot = plots[i];
      const size = sizes[i];
      if (plot === undefined || size === undefined) break;
      panels.push(
        `<g class="panel" transform="translate(${r2(x)} ${r2(y)})">\n${renderPanel(plot, size.width, size.height)}\n</g>`,
      );
      x += size.width;
      rowH = Math.max(rowH, size.height);
    }
    totalW = Math.max(totalW, x);
    y += rowH;
  }
  if (panels.length === 0) {
    return wrap(MIN_W, MIN_H, `<rect width="${MIN_W}" height="${MIN_H}" fill="#ffffff"/>`);
  }
  return wrap(totalW, y, panels.join('\n'));
}
