import { describe, expect, it } from 'vitest';
import { findChromium } from './helpers';

describe('findChromium', () => {
  it('prefers CHROME_PATH, then the system Chromium', () => {
    expect(findChromium({ CHROME_PATH: process.execPath }, ['/usr/bin/chromium'])).toBe(process.execPath);
    expect(findChromium({}, ['/nonexistent/chromium', process.execPath])).toBe(process.execPath);
  });

  it('fails with the exact install command when there is none (never skips)', () => {
    expect(() => findChromium({ CHROME_PATH: '/nonexistent/chrome' }, ['/nonexistent/chromium'])).toThrow(
      'The end-to-end tests need Chromium. Install it with: sudo apt-get install -y chromium (or set CHROME_PATH to a Chrome/Chromium executable). Looked in: /nonexistent/chrome, /nonexistent/chromium.',
    );
  });
});
