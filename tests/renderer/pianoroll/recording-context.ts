// A fake CanvasRenderingContext2D that records calls (with the fill style at call time).
export interface Call {
  name: string;
  args: unknown[];
  fillStyle: unknown;
  globalAlpha: number;
}

/** `measure` gives text widths (default 7 px a character, whatever the font). */
export function recordingContext(measure: (text: string, font: string) => number = (t) => t.length * 7): {
  ctx: CanvasRenderingContext2D;
  calls: Call[];
} {
  const calls: Call[] = [];
  const state: Record<string, unknown> = { fillStyle: '#000', strokeStyle: '#000', globalAlpha: 1, font: '', lineWidth: 1 };
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'measureText') return (t: string) => ({ width: measure(t, String(target.font)) });
      return (...args: unknown[]) => {
        calls.push({ name: prop, args, fillStyle: target.fillStyle, globalAlpha: target.globalAlpha as number });
      };
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}
