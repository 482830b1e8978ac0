export {
  renderLinePlotSvg,
  renderLinePlotGridSvg,
  type LineSeries,
  type LinePlotOptions,
  type LinePlotGridOptions,
} from './line-plot-svg.js';
