import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, DataError, DataLoader, isMirError, writeFileAtomic, type Command, type CommandContext } from '@mirkit/core';
import { tokenizeFileToJson, type TokenizedFile } from './tokenize-files-dataset.js';
import { writeMidi } from '../score/write-midi.js';
import { loadTokenizer } from '../tokenizers/create-tokenizer.js';
import { splitFilesForTraining, type SplitFilesOptions } from '../split/split-files-for-training.js';
import { trainTokenizer, type TrainModelName } from '../train/train-tokenizer.js';

const MIDI_EXT = new Set(['.mid', '.midi', '.MID', '.MIDI']);

/** Input paths → `[file, path relative to the output folder]`, folders expanded recursively. */
async function expandInputs(inputs: readonly string[], cwd: string, exts: ReadonlySet<string>, outExt: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  const walk = async (dir: string, root: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p, root);
      else if (exts.has(extname(e.name))) {
        const rel = relative(root, p);
        out.push([p, join(dirname(rel), `${basename(rel, extname(rel))}${outExt}`)]);
      }
    }
  };
  for (const input of inputs) {
    const p = resolve(cwd, input);
    let st;
    try {
      st = await stat(p);
    } catch (error) {
      throw new DataError('ERR_MISSING_FILE', `Input '${input}' does not exist`, { cause: error });
    }
    if (st.isDirectory()) await walk(p, p);
    else out.push([p, `${basename(p, extname(p))}${outExt}`]);
  }
  return out;
}

function progress(ctx: CommandContext, done: number, total: number, every: number): void {
  if (total >= every && (done % every === 0 || done === total)) ctx.stderr.write(`\r${done}/${total} files`);
  if (total >= every && done === total) ctx.stderr.write('\n');
}

function describeFailure(error: unknown): string {
  return isMirError(error) || error instanceof Error ? error.message : String(error);
}

const TOKENIZE_USAGE = `Usage: mirkit miditok tokenize --params <tokenizer.json> --out <dir> <files or folders…>

Tokenizes MIDI files with a MidiTok tokenizer (params saved by MidiTok or by @mirkit/miditok) and writes one
<file stem>.json per input: {"ids", "tokens", "ids_encoded"[, "programs"]} exactly as the tokenizer returns them
(one list per track for multi-stream tokenizers). Folders are searched recursively and mirrored under --out.
Files that fail are reported on stderr and skipped; the exit code is 1 when any failed.

Options:
  --params <path>   tokenizer params JSON (required)
  --out <dir>       output folder (required)
  --progress <n>    print progress on stderr every n files for inputs of at least n files (default 50)
  --jobs <n>        tokenize in n worker threads (default 1)`;

/** `mirkit miditok tokenize`. */
export function tokenizeCommand(): Command {
  return {
    summary: 'Tokenize MIDI files with a MidiTok tokenizer (one JSON file per input)',
    usage: TOKENIZE_USAGE,
    async run(ctx) {
      const { values, positionals } = parseArgs({
        args: [...ctx.argv],
        options: { params: { type: 'string' }, out: { type: 'string' }, progress: { type: 'string' }, jobs: { type: 'string' } },
        allowPositionals: true,
      });
      if (!values.params || !values.out || positionals.length === 0) {
        throw new ConfigError('ERR_INVALID_OPTION', 'tokenize needs --params <json>, --out <dir> and at least one input');
      }
      const every = Math.max(1, Number(values.progress ?? 50) || 50);
      const jobs = Math.max(1, Math.floor(Number(values.jobs ?? 1)) || 1);
      const paramsPath = resolve(ctx.cwd, values.params);
      const tok = await loadTokenizer(paramsPath);
      const files = await expandInputs(positionals, ctx.cwd, MIDI_EXT, '.json');
      const outDir = resolve(ctx.cwd, values.out);
      let failed = 0;
      let written = 0;
      const save = async (i: number, json: string, error: string): Promise<void> => {
        const [file, rel] = files[i]!;
        if (error) {
          failed++;
          ctx.stderr.write(`${file}: ${error}\n`);
        } else {
          const target = join(outDir, rel);
          await mkdir(dirname(target), { recursive: true });
          await writeFileAtomic(target, json);
          written++;
        }
        progress(ctx, i + 1, files.length, every);
      };
      if (jobs > 1 && files.length > 1) {
        const params = await readFile(paramsPath, 'utf8');
        const loader = await DataLoader.fromRegistry(
          'miditok/tokenize-files',
          { files: files.map(([f]) => f), params },
          { numWorkers: Math.min(jobs, files.length), batchSize: null, plugins: [{ module: '@mirkit/miditok', export: 'miditok' }] },
        );
        for await (const item of loader as AsyncIterable<TokenizedFile>) {
          if (ctx.signal.aborted) throw new DataError('ERR_ABORTED', 'Interrupted');
          await save(item.index, item.json, item.error);
        }
      } else {
        for (let i = 0; i < files.length; i++) {
          if (ctx.signal.aborted) throw new DataError('ERR_ABORTED', 'Interrupted');
          try {
            await save(i, await tokenizeFileToJson(tok, files[i]![0]), '');
          } catch (error) {
            await save(i, '', describeFailure(error));
          }
        }
      }
      const summary = { tokenized: written, failed, out: outDir };
      ctx.stdout.write(ctx.json ? `${JSON.stringify(summary)}\n` : `Tokenized ${written} file(s) into ${outDir}${failed ? `, ${failed} failed` : ''}\n`);
      return failed > 0 ? 1 : 0;
    },
  };
}

const DECODE_USAGE = `Usage: mirkit miditok decode --params <tokenizer.json> --out <dir> <token JSON files or folders…>

Decodes token files written by "mirkit miditok tokenize" (or MidiTok's save_tokens) back to MIDI files
(<stem>.mid). Multi-stream files use their "programs" entry for track programs.

Options:
  --params <path>   tokenizer params JSON (required)
  --out <dir>       output folder (required)`;

/** `mirkit miditok decode`. */
export function decodeCommand(): Command {
  return {
    summary: 'Decode token JSON files back to MIDI',
    usage: DECODE_USAGE,
    async run(ctx) {
      const { values, positionals } = parseArgs({
        args: [...ctx.argv],
        options: { params: { type: 'string' }, out: { type: 'string' } },
        allowPositionals: true,
      });
      if (!values.params || !values.out || positionals.length === 0) {
        throw new ConfigError('ERR_INVALID_OPTION', 'decode needs --params <json>, --out <dir> and at least one input');
      }
      const tok = await loadTokenizer(resolve(ctx.cwd, values.params));
      const files = await expandInputs(positionals, ctx.cwd, new Set(['.json']), '.mid');
      const outDir = resolve(ctx.cwd, values.out);
      let failed = 0;
      let done = 0;
      for (const [file, rel] of files) {
        try {
          const json = JSON.parse(await readFile(file, 'utf8')) as { ids?: unknown; programs?: [number, boolean][] };
          if (!Array.isArray(json.ids)) throw new DataError('ERR_DATASET_ITEM', `${file} has no "ids" list`);
          // Ids encoded with a trained model are decoded to base ids by the tokenizer itself.
          const score = tok.decode(json.ids as number[], json.programs);
          const target = join(outDir, rel);
          await mkdir(dirname(target), { recursive: true });
          await writeMidi(target, score);
          done++;
        } catch (error) {
          failed++;
          ctx.stderr.write(`${file}: ${describeFailure(error)}\n`);
        }
      }
      ctx.stdout.write(ctx.json ? `${JSON.stringify({ decoded: done, failed, out: outDir })}\n` : `Decoded ${done} file(s) into ${outDir}${failed ? `, ${failed} failed` : ''}\n`);
      return failed > 0 ? 1 : 0;
    },
  };
}

const SPLIT_USAGE = `Usage: mirkit miditok split --params <tokenizer.json> --out <dir> --max-seq-len <n> <files or folders…>

Splits MIDI files into bar-aligned chunks of about <n> tokens (MidiTok split_files_for_training): each track on its
own for multi-stream tokenizers, chunks marked "miditok: chunk i/N", written as <stem>[_t<track>]_<i>.mid.

Options:
  --params <path>         tokenizer params JSON (required)
  --out <dir>             output folder (required)
  --max-seq-len <n>       target sequence length (required)
  --overlap-bars <n>      bars shared by consecutive chunks (default 1)
  --min-seq-len <n>       minimum estimated length of the last chunk (default max-seq-len / 4)
  --tokens-per-note <x>   average tokens per note (default: measured on the first 200 files)`;

/** `mirkit miditok split`. */
export function splitCommand(): Command {
  return {
    summary: 'Split MIDI files into bar-aligned training chunks (MidiTok split_files_for_training)',
    usage: SPLIT_USAGE,
    async run(ctx) {
      const { values, positionals } = parseArgs({
        args: [...ctx.argv],
        options: {
          params: { type: 'string' },
          out: { type: 'string' },
          'max-seq-len': { type: 'string' },
          'overlap-bars': { type: 'string' },
          'min-seq-len': { type: 'string' },
          'tokens-per-note': { type: 'string' },
        },
        allowPositionals: true,
      });
      const maxSeqLen = Number(values['max-seq-len']);
      if (!values.params || !values.out || positionals.length === 0 || !Number.isInteger(maxSeqLen) || maxSeqLen < 1) {
        throw new ConfigError('ERR_INVALID_OPTION', 'split needs --params <json>, --out <dir>, --max-seq-len <n> and at least one input');
      }
      const tok = await loadTokenizer(resolve(ctx.cwd, values.params));
      const files = (await expandInputs(positionals, ctx.cwd, MIDI_EXT, '')).map(([f]) => f);
      const opts: SplitFilesOptions = { maxSeqLen, onFile: (done, total) => progress(ctx, done, total, 50) };
      if (values['overlap-bars'] !== undefined) opts.numOverlapBars = Number(values['overlap-bars']);
      if (values['min-seq-len'] !== undefined) opts.minSeqLen = Number(values['min-seq-len']);
      if (values['tokens-per-note'] !== undefined) opts.averageNumTokensPerNote = Number(values['tokens-per-note']);
      const written = await splitFilesForTraining(files, tok, resolve(ctx.cwd, values.out), opts);
      ctx.stdout.write(ctx.json ? `${JSON.stringify({ files: files.length, chunks: written.length })}\n` : `Split ${files.length} file(s) into ${written.length} chunk(s)\n`);
      return 0;
    },
  };
}

const TRAIN_USAGE = `Usage: mirkit miditok train --params <tokenizer.json> --model bpe|unigram|wordpiece --vocab-size <n> --out <path> <files or folders…>

Learns a BPE, Unigram or WordPiece model over MidiTok's byte mapping of the token ids (one word per bar or beat, as
encode_ids_split says) with the algorithms of Hugging Face tokenizers' trainers, and saves the trained tokenizer
params (loadable by MidiTok). BPE and WordPiece are deterministic; Unigram follows HF's EM (deterministic here).

Options:
  --params <path>      base tokenizer params JSON (required)
  --model <name>       bpe (default; a trained --params keeps its model), unigram or wordpiece
  --vocab-size <n>     size of the learned vocabulary (required)
  --out <path>         output folder or .json file (required)`;

const TRAIN_MODELS: Readonly<Record<string, TrainModelName>> = { bpe: 'BPE', unigram: 'Unigram', wordpiece: 'WordPiece' };

/** \`mirkit miditok train\`. */
export function trainCommand(): Command {
  return {
    summary: 'Train a BPE / Unigram / WordPiece model on MIDI files and save the tokenizer params',
    usage: TRAIN_USAGE,
    async run(ctx) {
      const { values, positionals } = parseArgs({
        args: [...ctx.argv],
        options: { params: { type: 'string' }, model: { type: 'string' }, 'vocab-size': { type: 'string' }, out: { type: 'string' } },
        allowPositionals: true,
      });
      const vocabSize = Number(values['vocab-size']);
      const model = values.model === undefined ? undefined : TRAIN_MODELS[values.model.toLowerCase()];
      if (!values.params || !values.out || positionals.length === 0 || !Number.isInteger(vocabSize)) {
        throw new ConfigError('ERR_INVALID_OPTION', 'train needs --params <json>, --vocab-size <n>, --out <path> and at least one input');
      }
      if (values.model !== undefined && !model) {
        throw new ConfigError('ERR_INVALID_OPTION', `--model should be bpe, unigram or wordpiece, got '${values.model}'`);
      }
      const tok = await loadTokenizer(resolve(ctx.cwd, values.params));
      const files = (await expandInputs(positionals, ctx.cwd, MIDI_EXT, '')).map(([f]) => f);
      await trainTokenizer(tok, { vocabSize, files, ...(model ? { model } : {}), onFile: (done, total) => progress(ctx, done, total, 50) });
      const written = await tok.save(resolve(ctx.cwd, values.out));
      const type = tok.model?.type ?? 'BPE';
      ctx.stdout.write(ctx.json ? `${JSON.stringify({ files: files.length, model: type, vocabSize: tok.model?.size, out: written })}\n` : `Trained ${type} (${tok.model?.size} tokens) on ${files.length} file(s): ${written}\n`);
      return 0;
    },
  };
}
