// The sampler's LSTM step as it was before it moved to the wasm kernels: plain JS, float64
// accumulators. Kept as the reference the wasm stepper is measured against (probabilities and
// same-seed takes); a subclass, so generate() takes it like the real stepper.
import { LstmStepper, type StepOutput, type StepperState } from '../../../../models/lstm/stepper';

export class ReferenceStepper extends LstmStepper {
  private readonly rh = this.weights.layers.map((l) => new Float32Array(l.units));
  private readonly rc = this.weights.layers.map((l) => new Float32Array(l.units));
  private readonly rz = this.weights.layers.map((l) => new Float64Array(4 * l.units));
  private readonly pitchOut = new Float32Array(this.weights.pitch.units);
  private readonly durOut = new Float32Array(this.weights.dur.units);

  override reset(): void {
    for (const a of [...this.rh, ...this.rc]) a.fill(0);
  }

  override snapshot(): StepperState {
    return { h: this.rh.map((a) => a.slice()), c: this.rc.map((a) => a.slice()) };
  }

  override restore(state: StepperState): void {
    state.h.forEach((a, i) => this.rh[i].set(a));
    state.c.forEach((a, i) => this.rc[i].set(a));
  }

  override step(active: readonly number[]): StepOutput {
    const { layers } = this.weights;
    let x: Float32Array | null = null;
    for (let l = 0; l < layers.length; l++) {
      const w = layers[l];
      const u = w.units;
      const g = 4 * u;
      const z = this.rz[l];
      for (let j = 0; j < g; j++) z[j] = w.bias[j];
      if (x === null) {
        for (const k of active) {
          const row = k * g;
          for (let j = 0; j < g; j++) z[j] += w.kernel[row + j];
        }
      } else accumulate(z, x, w.kernel, g);
      const h = this.rh[l];
      const c = this.rc[l];
      accumulate(z, h, w.recurrent, g);
      const gate = w.recurrentActivation === 'sigmoid' ? (v: number) => 1 / (1 + Math.exp(-v)) : hardSigmoid;
      for (let j = 0; j < u; j++) {
        const i = gate(z[j]);
        const f = gate(z[u + j]);
        const cand = Math.tanh(z[2 * u + j]);
        const o = gate(z[3 * u + j]);
        c[j] = f * c[j] + i * cand;
        h[j] = o * Math.tanh(c[j]);
      }
      x = h;
    }
    dense(x!, this.weights.pitch, this.pitchOut);
    dense(x!, this.weights.dur, this.durOut);
    return { pitchLogits: this.pitchOut, durLogits: this.durOut };
  }
}

function hardSigmoid(x: number): number {
  const y = 0.2 * x + 0.5;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

function accumulate(z: Float64Array, v: Float32Array, m: Float32Array, cols: number): void {
  for (let k = 0; k < v.length; k++) {
    const vk = v[k];
    if (vk === 0) continue;
    const row = k * cols;
    for (let j = 0; j < cols; j++) z[j] += vk * m[row + j];
  }
}

function dense(x: Float32Array, head: { units: number; bias: Float32Array; kernel: Float32Array }, out: Float32Array): void {
  const acc = new Float64Array(head.units);
  for (let j = 0; j < head.units; j++) acc[j] = head.bias[j];
  accumulate(acc, x, head.kernel, head.units);
  out.set(acc);
}
