import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./test-utils/exit-script.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function run(mode: string): Promise<{ code: number | null; stdout: string; stderr: string; lingerMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, script, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      const end = /end (\d+)/.exec(stdout);
      resolve({ code, stdout, stderr, lingerMs: end ? Date.now() - Number(end[1]) : Infinity });
    });
  });
}

describe('leaving a loop with workers lets the process exit promptly', () => {
  it.each(['break', 'throw', 'abort', 'persistent'])('%s', async (mode) => {
    const { code, stderr, lingerMs } = await run(mode);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Without terminate()/unref() the idle workers would keep the process alive until the 10 s kill.
    expect(lingerMs).toBeLessThan(2000);
  });
});
