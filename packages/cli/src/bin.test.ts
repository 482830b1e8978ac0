import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSyntheticDataset, readNpy } from '@mirkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These tests run the BUILT binary, as users do. turbo's `test` task of this package depends on `build` and
// `^build` (packages/cli/turbo.json), so `pnpm test` builds it first.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const SYNTHETIC = { length: 5, shape: [8], numClasses: 3, seed: 1 };

let dir: string;

function mirkit(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  if (!existsSync(BIN))
    throw new Error(
      `${BIN} is missing: build first (pnpm --filter @mirkit/cli... build, or pnpm test at the root)`,
    );
  dir = await mkdtemp(join(tmpdir(), 'mirkit-bin-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mirkit (built binary)', () => {
  it('plugins lists installed packages and registered plugins with their entries', () => {
    const r = mirkit('plugins');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Installed plugin packages:$/m);
    for (const pkg of ['core', 'audio', 'sousa', 'beatnet', 'miditok', 'mir-tutorial']) {
      expect(r.stdout).toMatch(
        new RegExp(`^ {2}@mirkit/${pkg} +\\d+\\.\\d+\\.\\d+\\S* +cli +loaded +plugin '${pkg}'$`, 'm'),
      );
    }
    expect(r.stdout).toMatch(
      /^Registered plugins:\n {2}core \d+\.\d+\.\d+\S* \(@mirkit\/core\)\n {4}loader: +core\/synthetic/m,
    );
  });

  it('plugins --json prints the same as data', () => {
    const r = mirkit('plugins', '--json');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as {
      installed: { package: string; version: string; status: string; plugin: string; export: string }[];
      registered: { name: string; package: string; entries: Record<string, string[]> }[];
    };
    expect(data.installed.find((p) => p.package === '@mirkit/mir-tutorial')).toMatchObject({
      status: 'loaded',
      plugin: 'mir-tutorial',
      export: 'mirTutorial',
    });
    expect(data.registered.map((p) => p.name).slice(0, 6)).toEqual([
      'core',
      'audio',
      'sousa',
      'beatnet',
      'miditok',
      'mir-tutorial',
    ]);
    expect(data.registered[0]).toMatchObject({ name: 'core', package: '@mirkit/core' });
    expect(data.registered[0]!.entries['loader']).toContain('core/synthetic');
  });

  it('dataset export writes manifest.jsonl and .npy files equal to the dataset items', async () => {
    const out = join(dir, 'export');
    const r = mirkit(
      'dataset',
      'export',
      'core/synthetic',
      '--options',
      JSON.stringify(SYNTHETIC),
      '--out',
      out,
      '--limit',
      '3',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `Exported 3 items of core/synthetic to ${join(out, 'manifest.jsonl')} (3 .npy files)\n`,
    );
    expect(r.stderr).toMatch(/^export core\/synthetic done 3\/3 items/m);
    const lines = (await readFile(join(out, 'manifest.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect((await readdir(out)).sort()).toEqual([
      '000000_features.npy',
      '000001_features.npy',
      '000002_features.npy',
      'manifest.jsonl',
    ]);
    const dataset = createSyntheticDataset(SYNTHETIC);
    for (const [i, line] of lines.entries()) {
      const item = dataset.get(i);
      expect(line).toEqual({ index: i, label: item.label, features: `00000${i}_features.npy` });
      const npy = await readNpy(join(out, line['features'] as string));
      expect(npy.dtype).toBe('float32');
      expect(npy.shape).toEqual([8]);
      expect(npy.data).toEqual(item.features.data);
    }
  });

  it('dataset export reads options from a file and prints --json', async () => {
    await writeFile(join(dir, 'opts.json'), JSON.stringify({ ...SYNTHETIC, length: 2 }));
    const r = mirkit(
      'dataset',
      'export',
      'core/synthetic',
      '--options',
      'opts.json',
      '--out',
      'from-file',
      '--json',
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ loader: 'core/synthetic', items: 2, files: 2 });
  });

  it('rejects bad arguments with one line, the code and exit status 2', () => {
    const cases: [string[], RegExp][] = [
      [
        ['frobnicate'],
        /^mirkit: Unknown command 'frobnicate'\. Available: plugins, dataset\b.* \[ERR_UNKNOWN_COMMAND\]\n$/,
      ],
      [
        ['dataset', 'export', 'core/nope', '--out', 'x'],
        /^mirkit: The loader 'core\/nope' is not registered\. Available: .*core\/synthetic.* \[ERR_NOT_REGISTERED\]\n$/,
      ],
      [
        ['dataset', 'export', 'core/synthetic', '--options', '{"length":5,}', '--out', 'x'],
        /^mirkit: Invalid JSON in --options: .*(position|JSON).* \[ERR_USAGE\]\n$/,
      ],
      [
        ['dataset', 'export', 'core/synthetic', '--options', 'missing.json', '--out', 'x'],
        /^mirkit: --options file .*missing\.json cannot be read \(ENOENT\).* \[ERR_USAGE\]\n$/,
      ],
      [
        ['dataset', 'export', 'core/synthetic', '--options', '{"length":5}'],
        /^mirkit: Missing the required option --out <dir> \[ERR_USAGE\]\n$/,
      ],
      [['dataset', 'export', '--out', 'x'], /^mirkit: Missing the loader name: .* \[ERR_USAGE\]\n$/],
      [
        ['dataset', 'export', 'core/synthetic', '--out', 'x', '--limit', 'many'],
        /^mirkit: --limit should be a non-negative integer, but got 'many' \[ERR_USAGE\]\n$/,
      ],
    ];
    for (const [args, stderr] of cases) {
      const r = mirkit(...args);
      expect({ args, status: r.status, stdout: r.stdout }).toEqual({ args, status: 2, stdout: '' });
      expect(r.stderr).toMatch(stderr);
    }
  });

  it('reports runtime errors with exit status 1 and shows the stack only with --verbose', () => {
    const r = mirkit('dataset', 'export', 'core/synthetic', '--options', '{"length":-1}', '--out', 'x');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^mirkit: length should be a non-negative integer, but got -1 \[ERR_INVALID_OPTION\]\n$/,
    );
    const verbose = mirkit(
      'dataset',
      'export',
      'core/synthetic',
      '--options',
      '{"length":-1}',
      '--out',
      'x',
      '--verbose',
    );
    expect(verbose.status).toBe(1);
    expect(verbose.stderr.split('\n')[0]).toBe(r.stderr.trimEnd());
    expect(verbose.stderr).toMatch(/\n {4}at /);
  });

  it('prints help for the root, a command group and a command', async () => {
    const root = mirkit('--help');
    expect(root.status).toBe(0);
    expect(root.stdout).toMatch(/^Usage: mirkit <command> \[options\]$/m);
    expect(root.stdout).toMatch(/^ {2}mirkit dataset export +Export/m);
    expect(root.stdout).toMatch(/^ {2}--plugin <module> /m);
    const group = mirkit('dataset', '-h');
    expect(group.status).toBe(0);
    expect(group.stdout).toMatch(/^ {2}export +Export/m);
    const command = mirkit('dataset', 'export', '--help');
    expect(command.status).toBe(0);
    expect(command.stdout).toMatch(
      /^Usage: mirkit dataset export <loader> --out <dir> \[--options <json\|file>\] \[--limit <n>\]/,
    );
    expect(mirkit('plugins', '--help').stdout).toMatch(/^Usage: mirkit plugins \[--json\]/);
    await writeFile(
      join(dir, 'quiet-plugin.mjs'),
      `export const quietPlugin = () => ({ name: 'quiet', setup() {} });\n`,
    );
    expect(mirkit('--plugin', './quiet-plugin.mjs', 'quiet', '--help')).toEqual({
      status: 0,
      stdout: "Plugin 'quiet' adds no commands. Its registered entries are listed by 'mirkit plugins'.\n",
      stderr: '',
    });
  });

  it('loads extra plugins given with --plugin', async () => {
    await writeFile(
      join(dir, 'echo-plugin.mjs'),
      `export const echoPlugin = () => ({ name: 'echo', setup(r) { r.register('command', 'echo/say', () => ({ summary: 'Print the arguments', usage: 'Usage: mirkit echo say <words...>', run(ctx) { ctx.stdout.write(ctx.argv.join(' ') + '\\n'); } })); } });\n`,
    );
    expect(mirkit('--plugin', './echo-plugin.mjs', 'echo', 'say', 'hi', 'there')).toEqual({
      status: 0,
      stdout: 'hi there\n',
      stderr: '',
    });
    expect(mirkit('--plugin', './echo-plugin.mjs', 'echo', '--help').stdout).toMatch(
      /^ {2}say +Print the arguments$/m,
    );
  });

  it('aborts the running command on SIGINT and exits 130', async () => {
    await writeFile(
      join(dir, 'wait-plugin.mjs'),
      `export const waitPlugin = () => ({ name: 'wait', setup(r) { r.register('command', 'wait/forever', () => ({ summary: 'Wait for Ctrl-C', usage: 'Usage: mirkit wait forever', run(ctx) { ctx.stderr.write('waiting\\n'); const work = setInterval(() => {}, 50); return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => { clearInterval(work); reject(ctx.signal.reason); })); } })); } });\n`,
    );
    const child = spawn(process.execPath, [BIN, '--plugin', './wait-plugin.mjs', 'wait', 'forever'], {
      cwd: dir,
    });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Once only: a second SIGINT while the process exits could hit the default handler.
      if (!interrupted && stderr.includes('waiting')) interrupted = child.kill('SIGINT');
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000); // never hang the suite
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(guard);
    expect(status).toBe(130);
    expect(stderr).toBe('waiting\nmirkit: Interrupted (SIGINT) [ERR_ABORTED]\n');
  });
});
