import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createProgress,
  isDataset,
  isMirError,
  type Dataset,
  type IterableDataset,
  type Progress,
} from '@mirkit/core';
import type { CliCommand } from '../cli-command.js';
import { exportDataset } from '../export-dataset.js';
import { printJson, writeLine } from '../output.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: mirkit dataset export <loader> --out <dir> [--options <json|file>] [--limit <n>] [--json]

Instantiates a registered loader with the given options and writes its items, in index order, to <dir>:
manifest.jsonl gets one JSON line per item with "index", the item's scalars and strings under their own keys
(nested objects flattened to dotted keys, bigint as number or string), and for every array field (typed array
or NdArray) the name of a .npy file written beside it, e.g.
  {"index":0,"sampleId":"a","label":2,"waveform":"000000_waveform.npy"}
The .npy files load with numpy.load; the manifest is written when every item has been exported.

Arguments:
  <loader>                 A registered loader name, e.g. core/synthetic (see: mirkit plugins)

Options:
  --out <dir>              Output directory (created if missing; required)
  --options <json|file>    Loader options: a JSON object, or the path of a .json file (default {})
  --limit <n>              Export only the first n items
  --json                   Print the summary as JSON
  -h, --help               Show this help

Example:
  mirkit dataset export core/synthetic --options '{"length":5,"shape":[8],"numClasses":3,"seed":1}' --out ./out`;

async function parseOptionsArg(value: string | undefined, cwd: string): Promise<Record<string, unknown>> {
  if (value === undefined) return {};
  const text = value.trim();
  let source = '--options';
  let json = text;
  if (!text.startsWith('{') && !text.startsWith('[')) {
    const file = resolve(cwd, value);
    source = `--options file ${file}`;
    try {
      json = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new UsageError(
        `${source} cannot be read (${code}): pass a JSON object or the path of a .json file`,
        { cause: error },
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`Invalid JSON in ${source}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(
      `${source} should be a JSON object, but got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`,
    );
  }
  return parsed as Record<string, unknown>;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()))
    throw new UsageError(`--limit should be a non-negative integer, but got '${value}'`);
  return Number(value.trim());
}

type UntypedCreate = (kind: 'loader', name: string, options: unknown) => Promise<unknown>;

/** `mirkit dataset export <loader> …`: writes any registered loader's items as manifest.jsonl + .npy files. */
export const datasetExportCommand: CliCommand = {
  summary: "Export a loader's items as manifest.jsonl plus one .npy file per array field",
  usage: USAGE,
  async run(context) {
    const { values, positionals } = parseArgs({
      args: [...context.argv],
      options: { out: { type: 'string' }, options: { type: 'string' }, limit: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [loader, ...extra] = positionals;
    if (loader === undefined)
      throw new UsageError(
        "Missing the loader name: mirkit dataset export <loader> --out <dir> (see 'mirkit plugins' for loaders)",
      );
    if (extra.length > 0)
      throw new UsageError(`Unexpected argument '${extra[0]!}' after the loader name '${loader}'`);
    if (values.out === undefined || values.out === '')
      throw new UsageError('Missing the required option --out <dir>');
    const options = await parseOptionsArg(values.options, context.cwd);
    const limit = parseLimit(values.limit);
    const out = resolve(context.cwd, values.out);

    if (!context.registry.has('loader', loader)) {
      try {
        context.registry.get('loader', loader as never);
      } catch (error) {
        if (isMirError(error))
          throw new UsageError(error.message, { code: error.code, cause: error, details: error.details });
        throw error;
      }
    }
    const create = context.registry.create.bind(context.registry) as unknown as UntypedCreate;
    const dataset = (await create('loader', loader, options)) as Dataset<unknown> | IterableDataset<unknown>;
    const length = isDataset(dataset)
      ? dataset.length
      : (dataset as IterableDataset<unknown> | undefined)?.length;
    if (length === Infinity && limit === undefined)
      throw new UsageError(`The loader ${loader} is endless: pass --limit <n>`);

    let progress: Progress | undefined;
    const result = await exportDataset(dataset, {
      out,
      limit,
      name: loader,
      signal: context.signal,
      onProgress(done, total) {
        progress ??= createProgress({
          total,
          label: `export ${loader}`,
          unit: 'items',
          stream: context.stderr,
        });
        progress.set(done);
      },
    });
    progress?.done();
    if (context.json) {
      printJson(context.stdout, {
        loader,
        out,
        manifest: result.manifest,
        items: result.items,
        files: result.files,
      });
    } else {
      writeLine(
        context.stdout,
        `Exported ${result.items} item${result.items === 1 ? '' : 's'} of ${loader} to ${result.manifest} (${result.files} .npy file${result.files === 1 ? '' : 's'})`,
      );
    }
    return 0;
  },
};
