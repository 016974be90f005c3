// The Content-Security-Policy of every LickLab page (Electron window, browser studio, index.html meta).
// Tone.js runs its clock in a blob: worker and decodes samples from blob:/data: URLs.
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'worker-src': "'self' blob:",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'media-src': "'self' blob: data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

/** `extraConnect` adds sources to connect-src (the studio's own ws:// address). */
export function contentSecurityPolicy(extraConnect: string[] = []): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, value]) => `${name} ${name === 'connect-src' ? [value, ...extraConnect].join(' ') : value}`)
    .join('; ');
}
