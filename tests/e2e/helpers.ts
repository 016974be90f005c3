// Shared helpers for end-to-end tests: start the real browser studio (`licklab studio`) with the real
// trainer process, drive it in real Chromium with playwright-core, save screenshots to test-results/.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const resultsDir = path.join(projectRoot, 'test-results');

export const CHROMIUM_INSTALL_HINT =
  'The end-to-end tests need Chromium. Install it with: sudo apt-get install -y chromium (or set CHROME_PATH to a Chrome/Chromium executable).';

/** CHROME_PATH, then /usr/bin/chromium; fails (never skips) with the install command. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  systemPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
): string {
  const candidates = [env.CHROME_PATH, ...systemPaths].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`${CHROMIUM_INSTALL_HINT} Looked in: ${candidates.join(', ')}.`);
  return found;
}

/** Headless Chromium for the tests; `autoplay` lets audio start without a user gesture. */
export async function launchChromium(opts: { autoplay?: boolean } = {}): Promise<Browser> {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (opts.autoplay) args.push('--autoplay-policy=no-user-gesture-required');
  return chromium.launch({ executablePath: findChromium(), args });
}

/** Collects the page's uncaught errors and console errors (minus `ignore`) for a final `toEqual([])`. */
export function collectPageErrors(page: Page, ignore?: (text: string) => boolean): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignore?.(msg.text())) errors.push(msg.text());
  });
  return errors;
}

export interface RunningStudio {
  /** The printed address, plus `&inspect` so the page exposes its inspection handles (renderer/lib/inspect.ts). */
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  /** Everything the studio printed so far (stdout + stderr). */
  output(): string;
  /** A Node WebSocket client on the studio's API (same token and Origin as the page). */
  request(channel: string, payload?: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }>;
  stop(): Promise<void>;
}

/** Starts `licklab studio --port 0 --no-open` (test channels on) and waits for its URL. */
export async function startStudio(opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunningStudio> {
  const proc = spawn(process.execPath, [path.join(projectRoot, 'bin/licklab.js'), 'studio', '--port', '0', '--no-open'], {
    cwd: projectRoot,
    env: { ...process.env, LICKLAB_TEST: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`licklab studio printed no URL within ${opts.timeoutMs ?? 120_000} ms:\n${output}`)),
      opts.timeoutMs ?? 120_000,
    );
    const check = () => {
      const match = /LickLab studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`licklab studio exited (code ${code}) before printing its URL:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;
  return {
    url: `${url}&inspect`,
    origin: parsed.origin,
    token,
    process: proc,
    output: () => output,
    request: (channel, payload) => wsRequest(`ws://${parsed.host}/api?token=${token}`, parsed.origin, channel, payload),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One request over a fresh WebSocket; resolves with the server's reply. */
export function wsRequest(
  url: string,
  origin: string,
  channel: string,
  payload?: unknown,
): Promise<{ ok: boolean; result?: unknown; error?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, channel, payload })));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.id === 1) {
        ws.close();
        resolve(msg);
      }
    });
    ws.on('error', reject);
  });
}

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Copy the project's own etudes whose names match `names` (MIDI and chord chart) into `dir`, made
 *  as needed: the small corpora the e2e tests upload through the page. Returns the MIDI names. */
export function copyEtudes(dir: string, names: RegExp): string[] {
  const src = path.join(projectRoot, 'assets/default-corpus');
  mkdirSync(dir, { recursive: true });
  const mids = readdirSync(src).filter((f) => names.test(f) && f.endsWith('.mid'));
  for (const m of mids) {
    copyFileSync(path.join(src, m), path.join(dir, m));
    const chart = m.replace(/\.mid$/, '.chords.txt');
    copyFileSync(path.join(src, chart), path.join(dir, chart));
  }
  return mids;
}

export interface StudioPage {
  studio: RunningStudio;
  browser: Browser;
  page: Page;
  pageErrors: string[];
}

/** The browser studio on its own data folder (`<dataDir>/data`) and a 1440-wide Chromium page for it;
 *  what started is stopped again when a later step fails. */
export async function openStudioPage(dataDir: string, opts: { height?: number; autoplay?: boolean } = {}): Promise<StudioPage> {
  const studio = await startStudio({ env: { LICKLAB_DATA_DIR: path.join(dataDir, 'data') } });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium({ autoplay: opts.autoplay });
    const page = await browser.newPage({ viewport: { width: 1440, height: opts.height ?? 900 } });
    return { studio, browser, page, pageErrors: collectPageErrors(page) };
  } catch (err) {
    await browser?.close();
    await studio.stop();
    throw err;
  }
}

/** Close what openStudioPage opened (when it did) and remove the test's data folder. */
export async function closeStudioPage(s: { studio?: RunningStudio; browser?: Browser }, dataDir?: string): Promise<void> {
  await s.browser?.close();
  await s.studio?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
