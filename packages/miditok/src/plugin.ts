import { definePlugin, type Command, type Dataset } from '@mirkit/core';
import { decodeCommand, splitCommand, tokenizeCommand, trainCommand } from './cli/commands.js';
import type { TokenizerConfig, TokenizerConfigOptions } from './config/tokenizer-config.js';
import { DatasetJSON, DatasetMIDI, type DatasetJsonOptions, type DatasetMidiOptions } from './data/dataset-midi.js';
import { tokenizeFilesDataset, type TokenizedFile, type TokenizeFilesOptions } from './cli/tokenize-files-dataset.js';
import { CpWordTokenizer } from './tokenizers/cp-word.js';
import { MidiLikeTokenizer } from './tokenizers/midi-like.js';
import { MmmTokenizer } from './tokenizers/mmm.js';
import type { MusicTokenizer } from './tokenizers/music-tokenizer.js';
import { MumidiTokenizer } from './tokenizers/mumidi.js';
import { OctupleTokenizer } from './tokenizers/octuple.js';
import { PerTokTokenizer } from './tokenizers/pertok.js';
import { RemiTokenizer } from './tokenizers/remi.js';
import { StructuredTokenizer } from './tokenizers/structured.js';
import { TsdTokenizer } from './tokenizers/tsd.js';

/** Options of the registered tokenizer factories: a config (or its options). */
export type TokenizerFactoryOptions = TokenizerConfig | TokenizerConfigOptions | undefined;

/** Options of the `miditok/dataset-midi` loader. */
export interface DatasetMidiLoaderOptions extends DatasetMidiOptions {
  files: readonly string[];
  tokenizer: MusicTokenizer;
}

/** Options of the `miditok/dataset-json` loader. */
export interface DatasetJsonLoaderOptions extends DatasetJsonOptions {
  files: readonly string[];
}

/** The `@mirkit/miditok` plugin: `registry.use(miditok())`. */
export function miditok() {
  return definePlugin({
    name: 'miditok',
    setup(registry) {
      registry.register('tokenizer', 'miditok/remi', (o: TokenizerFactoryOptions) => new RemiTokenizer(o ?? {}));
      registry.register('tokenizer', 'miditok/tsd', (o: TokenizerFactoryOptions) => new TsdTokenizer(o ?? {}));
      registry.register('tokenizer', 'miditok/midi-like', (o: TokenizerFactoryOptions) => new MidiLikeTokenizer(o ?? {}));
      registry.register('tokenizer', 'miditok/structured', (o: TokenizerFactoryOptions) => new StructuredTokenizer(o ?? {}));
      registry.register('tokenizer', 'miditok/cp-word', (o: TokenizerFactoryOptions) => new CpWordTokenizer(o ?? {}));
      registry.register('tokenizer', 'miditok/octuple', (o: TokenizerFactoryOptions) => new OctupleTokenizer(o ?? {}));
      registry.register('tokenizer', 'miditok/mumidi', (o: TokenizerFactoryOptions) => new MumidiTokenizer(o ?? {}));
      registry.register('tokenizer', 'miditok/mmm', (o: TokenizerFactoryOptions) => new MmmTokenizer(o ?? {}));
      registry.register('tokenizer', 'miditok/pertok', (o: TokenizerFactoryOptions) => new PerTokTokenizer(o ?? {}));
      registry.register('loader', 'miditok/dataset-midi', ({ files, tokenizer, ...o }: DatasetMidiLoaderOptions) => DatasetMIDI.create(files, tokenizer, o));
      registry.register('loader', 'miditok/dataset-json', ({ files, ...o }: DatasetJsonLoaderOptions) => new DatasetJSON(files, o));
      registry.register('loader', 'miditok/tokenize-files', (o: TokenizeFilesOptions) => tokenizeFilesDataset(o));
      registry.register('command', 'miditok/tokenize', () => tokenizeCommand());
      registry.register('command', 'miditok/decode', () => decodeCommand());
      registry.register('command', 'miditok/split', () => splitCommand());
      registry.register('command', 'miditok/train', () => trainCommand());
    },
  });
}

declare module '@mirkit/core' {
  interface TokenizerRegistry {
    'miditok/remi': (options: TokenizerFactoryOptions) => RemiTokenizer;
    'miditok/tsd': (options: TokenizerFactoryOptions) => TsdTokenizer;
    'miditok/midi-like': (options: TokenizerFactoryOptions) => MidiLikeTokenizer;
    'miditok/structured': (options: TokenizerFactoryOptions) => StructuredTokenizer;
    'miditok/cp-word': (options: TokenizerFactoryOptions) => CpWordTokenizer;
    'miditok/octuple': (options: TokenizerFactoryOptions) => OctupleTokenizer;
    'miditok/mumidi': (options: TokenizerFactoryOptions) => MumidiTokenizer;
    'miditok/mmm': (options: TokenizerFactoryOptions) => MmmTokenizer;
    'miditok/pertok': (options: TokenizerFactoryOptions) => PerTokTokenizer;
  }
  interface LoaderRegistry {
    'miditok/dataset-midi': (options: DatasetMidiLoaderOptions) => Promise<DatasetMIDI>;
    'miditok/dataset-json': (options: DatasetJsonLoaderOptions) => DatasetJSON;
    'miditok/tokenize-files': (options: TokenizeFilesOptions) => Dataset<TokenizedFile>;
  }
  interface CommandRegistry {
    'miditok/tokenize': () => Command;
    'miditok/decode': () => Command;
    'miditok/split': () => Command;
    'miditok/train': () => Command;
  }
}
