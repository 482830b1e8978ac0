import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './run-cli.js';

let dir: string;

// A real plugin module, loaded through --plugin: one loader and three commands.
const PLUGIN = `
export function testPlugin() {
  return {
    name: 'test',
    version: '1.2.3',
    setup(registry) {
      registry.register('loader', 'test/items', ({ n = 2 } = {}) => ({ length: n, get: (i) => ({ id: 'item' + i, x: new Float64Array([i]) }) }));
      registry.register('command', 'test/hello', () => ({
        summary: 'Say hello',
        usage: 'Usage: mirkit test hello [names...]',
        run(ctx) { ctx.stdout.write((ctx.json ? JSON.stringify({ argv: ctx.argv }) : 'hello ' + ctx.argv.join(' ')) + '\\n'); return 0; },
      }));
      registry.register('command', 'test/fail', () => ({
        summary: 'Fail on purpose',
        usage: 'Usage: mirkit test fail',
        run() {
          const error = new Error('the input file is empty\\nsecond line');
          error.code = 'ERR_TEST_EMPTY';
          throw error;
        },
      }));
      registry.register('command', 'test/wait', () => ({
        summary: 'Wait until aborted',
        usage: 'Usage: mirkit test wait',
        run(ctx) {
          return new Promise((resolve) => ctx.signal.addEventListener('abort', () => { ctx.stderr.write('stopped\\n'); resolve(130); }));
        },
      }));
    },
  };
}
`;

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(argv: string[], io: CliIo = {}) {
  const out = sink();
  const err = sink();
  const status = await runCli(argv, {
    cwd: dir,
    discover: false,
    stdout: out.stream,
    stderr: err.stream,
    ...io,
  });
  return { status, stdout: out.text(), stderr: err.text() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirkit-run-cli-'));
  await writeFile(join(dir, 'test-plugin.mjs'), PLUGIN);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const P = ['--plugin', './test-plugin.mjs'];

describe('runCli', () => {
  it('runs plugin commands as mirkit <plugin> <command>, with global options removed from argv', async () => {
    expect(await run([...P, 'test', 'hello', 'a', 'b'])).toEqual({
      status: 0,
      stdout: 'hello a b\n',
      stderr: '',
    });
    expect(await run(['test', '--json', 'hello', '--verbose', 'x', ...P])).toEqual({
      status: 0,
      stdout: '{"argv":["x"]}\n',
      stderr: '',
    });
  });

  it('prints help for the root, a plugin and a command', async () => {
    const root = await run([...P, '--help']);
    expect(root.status).toBe(0);
    expect(root.stdout).toMatch(/^Usage: mirkit <command> \[options\]$/m);
    expect(root.stdout).toMatch(/^ {2}mirkit plugins +List installed/m);
    expect(root.stdout).toMatch(/^ {2}mirkit dataset export +Export/m);
    expect(root.stdout).toMatch(/^ {2}mirkit test hello +Say hello$/m);
    const group = await run([...P, 'test', '-h']);
    expect(group.stdout).toContain("Commands of plugin 'test' 1.2.3 (./test-plugin.mjs):");
    expect(group.stdout).toMatch(/^ {2}fail +Fail on purpose$/m);
    expect((await run([...P, 'test', 'hello', '--help'])).stdout).toBe(
      'Usage: mirkit test hello [names...]\n',
    );
    expect((await run(['dataset', '--help'])).stdout).toMatch(/^ {2}export +Export/m);
    expect((await run(['dataset', 'export', '--help'])).stdout).toMatch(
      /^Usage: mirkit dataset export <loader> --out <dir>/,
    );
  });

  it('prints the version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(await run(['--version'])).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('prints usage errors as one line with the code and exits 2', async () => {
    const cases: [string[], string][] = [
      [['nope'], "mirkit: Unknown command 'nope'. Available: plugins, dataset [ERR_UNKNOWN_COMMAND]\n"],
      [['dataset'], "mirkit: Missing a command after 'mirkit dataset'. Available: export [ERR_USAGE]\n"],
      [
        ['dataset', 'import'],
        "mirkit: Unknown command 'mirkit dataset import'. Available: export [ERR_UNKNOWN_COMMAND]\n",
      ],
      [
        ['--frobnicate'],
        "mirkit: Unknown option '--frobnicate'. Run 'mirkit --help' for usage [ERR_USAGE]\n",
      ],
      [
        ['plugins', '--bogus'],
        "mirkit: Unknown option '--bogus'. Run 'mirkit plugins --help' for usage [ERR_PARSE_ARGS_UNKNOWN_OPTION]\n",
      ],
      [
        ['dataset', 'export', 'x', '--bogus', '--out', 'o'],
        "mirkit: Unknown option '--bogus'. Run 'mirkit dataset export --help' for usage [ERR_PARSE_ARGS_UNKNOWN_OPTION]\n",
      ],
      [
        ['--plugin'],
        "mirkit: Option '--plugin <module>' needs a value: a module path or package name [ERR_USAGE]\n",
      ],
    ];
    for (const [argv, stderr] of cases) expect(await run(argv)).toEqual({ status: 2, stdout: '', stderr });
    const none = await run([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^Usage: mirkit <command>/m);
  });

  it('prints runtime errors on one line (stack only with --verbose) and exits 1', async () => {
    expect(await run([...P, 'test', 'fail'])).toEqual({
      status: 1,
      stdout: '',
      stderr: 'mirkit: the input file is empty second line [ERR_TEST_EMPTY]\n',
    });
    const verbose = await run([...P, 'test', 'fail', '--verbose']);
    expect(verbose.stderr.split('\n')[0]).toBe(
      'mirkit: the input file is empty second line [ERR_TEST_EMPTY]',
    );
    expect(verbose.stderr).toMatch(/at Object\.run .*test-plugin\.mjs/);
  });

  it('skips a plugin command whose factory throws or returns something else, with one line each', async () => {
    await writeFile(
      join(dir, 'odd-plugin.mjs'),
      `export const oddPlugin = () => ({ name: 'odd', setup(r) {
        r.register('command', 'odd/throws', () => { throw new TypeError('no way'); });
        r.register('command', 'odd/empty', () => ({ summary: 'no run' }));
        r.register('command', 'odd/fine', () => ({ summary: 'Fine', usage: 'Usage: mirkit odd fine', run() { return 3; } }));
      } });\n`,
    );
    const r = await run(['--plugin', './odd-plugin.mjs', 'odd', 'fine']);
    expect(r.status).toBe(3);
    expect(r.stderr.split('\n')).toEqual([
      "mirkit: command 'odd/empty' skipped: the factory returned an object with keys [summary], expected { summary, usage, run() } [ERR_INVALID_OPTION]",
      "mirkit: command 'odd/throws' skipped: TypeError: no way [ERR_UNEXPECTED]",
      '',
    ]);
  });

  it('fails when a module given to --plugin cannot be loaded', async () => {
    const r = await run(['--plugin', './missing.mjs', 'plugins']);
    expect(r).toEqual({
      status: 1,
      stdout: '',
      stderr: `mirkit: Cannot load plugin './missing.mjs': ${join(dir, 'missing.mjs')} does not exist [ERR_PLUGIN_LOAD]\n`,
    });
  });

  it('aborts the running command through the signal', async () => {
    const controller = new AbortController();
    const pending = run([...P, 'test', 'wait'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toEqual({ status: 130, stdout: '', stderr: 'stopped\n' });
  });

  it('discovers the installed plugins by default', async () => {
    const r = await run(['plugins', '--json'], { discover: true });
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as {
      installed: { package: string; status: string }[];
      registered: { name: string; entries: Record<string, string[]> }[];
    };
    expect(data.installed.map((p) => p.package)).toEqual(
      expect.arrayContaining(['@mirkit/core', '@mirkit/audio', '@mirkit/miditok']),
    );
    expect(data.registered.find((p) => p.name === 'core')?.entries['loader']).toContain('core/synthetic');
  });

  it('exports a plugin loader through dataset export', async () => {
    const out = join(dir, 'out');
    const r = await run([
      ...P,
      'dataset',
      'export',
      'test/items',
      '--options',
      '{"n":3}',
      '--out',
      'out',
      '--limit',
      '2',
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      loader: 'test/items',
      out,
      manifest: join(out, 'manifest.jsonl'),
      items: 2,
      files: 2,
    });
    expect(r.stderr).toMatch(/^export test\/items done 2\/2 items/m);
    expect(await readFile(join(out, 'manifest.jsonl'), 'utf8')).toBe(
      '{"index":0,"id":"item0","x":"000000_x.npy"}\n{"index":1,"id":"item1","x":"000001_x.npy"}\n',
    );
  });
});
