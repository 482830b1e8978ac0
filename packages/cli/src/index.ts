export { runCli, type CliIo } from './run-cli.js';
export type { CliCommand, CliCommandContext } from './cli-command.js';
export {
  discoverPlugins,
  resolvePluginOption,
  KNOWN_PLUGINS,
  type DiscoverPluginsOptions,
  type PluginCandidate,
  type PluginOrigin,
} from './discover-plugins.js';
export { loadPlugins, type PluginReport } from './load-plugins.js';
export { exportDataset, type ExportDatasetOptions, type ExportDatasetResult } from './export-dataset.js';
export { flattenItem, type FlatField, type ManifestValue } from './flatten-item.js';
export { UsageError } from './usage-error.js';
export { CLI_NAME, EXIT } from './output.js';
