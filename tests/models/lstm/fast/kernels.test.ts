// The wasm kernels behind FastLSTM: thread split and sparse input path give the same numbers as
// one thread and dense input; the committed binary is what its source builds to.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Kernels } from '../../../../models/lstm/fast/kernels';
import { LstmRun, toSparse, type LstmInput } from '../../../../models/lstm/fast/lstm-compute';
import { seededRandom } from '../../../../models/lstm/split';

const root = path.resolve(__dirname, '../../../..');

function problem(B: number, T: number, I: number, U: number, seed: number): LstmInput {
  const rand = seededRandom(seed);
  const normal = (n: number, s: number) => Float32Array.from({ length: n }, () => (rand() + rand() + rand() - 1.5) * s);
  const x = new Float32Array(B * T * I);
  for (let r = 0; r < B * T; r++) for (let k = 0; k < 5; k++) x[r * I + Math.floor(rand() * I)] = 1;
  return { B, T, I, U, x, kernel: normal(I * 4 * U, 0.3), recurrent: normal(U * 4 * U, 0.3), bias: normal(4 * U, 0.3) };
}

function maxRel(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let m = 1e-30;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}

describe('fast LSTM kernels', () => {
  const one = new Kernels(1);
  const two = new Kernels(2);
  beforeAll(() => {
    expect(two.startHelpers()).toBe(true); // so the split really runs on two threads
  });

  for (const [B, T, I, U] of [
    [8, 6, 40, 9],
    [13, 5, 126, 16],
    [17, 3, 21, 33],
  ]) {
    it(`B=${B} T=${T} I=${I} U=${U}: two threads and sparse rows match one thread and dense rows`, () => {
      const p = problem(B, T, I, U, B * 7 + U);
      const dy = Float32Array.from({ length: B * T * U }, (_, i) => Math.sin(i * 0.37));
      const dense1 = new LstmRun(p, one);
      const y1 = dense1.forward();
      const g1 = dense1.backward(dy, true);
      const sparse = toSparse(p.x as Float32Array, B * T, I, 1);
      expect(sparse).not.toBeNull();
      const sparse2 = new LstmRun({ ...p, x: sparse! }, two);
      const y2 = sparse2.forward();
      const g2 = sparse2.backward(dy, true);
      expect(maxRel(y2, y1)).toBeLessThan(1e-6);
      expect(maxRel(g2.kernel, g1.kernel)).toBeLessThan(1e-5);
      expect(maxRel(g2.recurrent, g1.recurrent)).toBeLessThan(1e-5);
      expect(maxRel(g2.bias, g1.bias)).toBeLessThan(1e-5);
      expect(maxRel(g2.input!, g1.input!)).toBeLessThan(1e-5);
      expect(g1.kernel.some((v) => v !== 0)).toBe(true);
    });
  }

  it('backward after the buffers were released recomputes the forward pass', () => {
    const p = problem(4, 5, 12, 6, 3);
    const dy = Float32Array.from({ length: 4 * 5 * 6 }, (_, i) => Math.cos(i));
    const a = new LstmRun(p, one);
    a.forward();
    const ga = a.backward(dy, false);
    const b = new LstmRun(p, one);
    b.forward();
    b.dispose();
    const gb = b.backward(dy, false);
    expect(Array.from(gb.recurrent)).toEqual(Array.from(ga.recurrent));
    expect(gb.input).toBeNull();
  });

  it('toSparse keeps dense data dense', () => {
    expect(
      toSparse(
        Float32Array.from({ length: 20 }, (_, i) => i + 1),
        4,
        5,
      ),
    ).toBeNull();
  });

  it('the committed wasm binary is a rebuild of wasm/lstm-kernels.ts', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'scripts/build-wasm.js'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/match their source/);
  }, 120_000);
});
