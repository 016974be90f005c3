// The stock way to sample one event at a time: tfjs's own stateful LSTM layers with a one-step
// model.predict per event (batch 1, one time step), on the active backend, with the stepper's
// weights. A subclass of LstmStepper, so generate() runs it exactly as it runs the wasm stepper and
// the bench compares the same takes. Its heads are linear: predict gives the logits the sampler
// reads (the saved model's softmax heads would give probabilities; the step cost is the same).
import * as tf from '@tensorflow/tfjs';
import { LstmStepper, type StepOutput, type StepperState, type StepperWeights } from '../models/lstm/stepper';

export class StockStepper extends LstmStepper {
  private readonly model: tf.LayersModel;
  private readonly x: Float32Array;
  private readonly inputs: number;

  constructor(weights: StepperWeights) {
    super(weights);
    this.inputs = weights.layers[0].inputSize;
    this.x = new Float32Array(this.inputs);
    const input = tf.input({ batchShape: [1, 1, this.inputs] });
    let h: tf.SymbolicTensor = input;
    weights.layers.forEach((l, i) => {
      h = tf.layers
        .lstm({
          name: `lstm_${i + 1}`,
          units: l.units,
          returnSequences: true,
          stateful: true,
          activation: 'tanh',
          recurrentActivation: l.recurrentActivation,
        })
        .apply(h) as tf.SymbolicTensor;
    });
    const head = (name: string, units: number) => tf.layers.dense({ name, units }).apply(h) as tf.SymbolicTensor;
    this.model = tf.model({ inputs: input, outputs: [head('pitch', weights.pitch.units), head('dur', weights.dur.units)] });
    const tensors: tf.Tensor[] = [];
    for (const [i, l] of weights.layers.entries()) {
      const g = 4 * l.units;
      const ws = [tf.tensor2d(l.kernel, [l.inputSize, g]), tf.tensor2d(l.recurrent, [l.units, g]), tf.tensor1d(l.bias)];
      this.model.getLayer(`lstm_${i + 1}`).setWeights(ws);
      tensors.push(...ws);
    }
    for (const [name, hw] of [
      ['pitch', weights.pitch],
      ['dur', weights.dur],
    ] as const) {
      const ws = [tf.tensor2d(hw.kernel, [hw.inputSize, hw.units]), tf.tensor1d(hw.bias)];
      this.model.getLayer(name).setWeights(ws);
      tensors.push(...ws);
    }
    tf.dispose(tensors);
  }

  override reset(): void {
    this.model.resetStates();
  }

  /** The state lives in tfjs variables; generate() takes a snapshot every event but restores one only
   *  to retry under a copied-run cap, which the bench does not use. */
  override snapshot(): StepperState {
    return { h: [], c: [] };
  }

  override restore(): void {
    throw new Error('the stock stepper cannot restore a snapshot: run it without a copied-run cap');
  }

  override step(active: readonly number[]): StepOutput {
    this.x.fill(0);
    for (const k of active) {
      if (!Number.isInteger(k) || k < 0 || k >= this.inputs) throw new Error(`input unit ${k} is outside 0..${this.inputs - 1}`);
      this.x[k] = 1;
    }
    const input = tf.tensor3d(this.x, [1, 1, this.inputs]);
    const [p, d] = this.model.predict(input) as tf.Tensor[];
    const out = { pitchLogits: p.dataSync() as Float32Array, durLogits: d.dataSync() as Float32Array };
    tf.dispose([input, p, d]);
    return out;
  }

  dispose(): void {
    this.model.dispose();
  }
}
