// `licklab studio` as a user runs it: prints a loopback URL with a token; without the token: 403.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, startStudio, type RunningStudio } from '../e2e/helpers';

let studio: RunningStudio | undefined;
afterAll(async () => studio?.stop());

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve(res.statusCode!);
    })
      .on('error', reject)
      .end();
  });
}

function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/licklab.js', ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('licklab studio', () => {
  it('prints the URL; requests without the token get 403, with it 200', async () => {
    studio = await startStudio({ env: { LICKLAB_TEST: '0' } });
    // What the command printed (the e2e helper's url adds &inspect for the page's handles).
    expect(studio.output()).toMatch(/LickLab studio: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}\s/);
    expect(await status(`${studio.origin}/`)).toBe(403);
    expect(await status(`${studio.origin}/?token=wrong`)).toBe(403);
    expect(await status(studio.url)).toBe(200);
    // Test channels stay closed without LICKLAB_TEST=1.
    expect(await studio.request('debug:crash')).toMatchObject({ ok: false, error: expect.stringContaining('only available in test mode') });
    expect(await studio.request('app:about')).toMatchObject({ ok: true, result: { name: 'LickLab' } });
  });

  it('rejects a bad port with one clear line', async () => {
    const { code, out } = await runCli(['studio', '--port', 'abc', '--no-open']);
    expect(code).toBe(2);
    expect(out.trim()).toBe('licklab studio: --port must be a number, got "abc"');
    const range = await runCli(['studio', '--port', '70000', '--no-open']);
    expect(range.out.trim()).toBe('licklab studio: --port must be a whole number from 0 to 65535, got 70000');
  });

  it('says clearly when the port is taken', async () => {
    const port = new URL(studio!.origin).port;
    const { code, out } = await runCli(['studio', '--port', port, '--no-open']);
    expect(code).toBe(1);
    expect(out).toContain(`licklab studio: port ${port} is already in use; pick another with --port N, or --port 0 for any free port`);
  });
});
