// FastLSTM: tf.layers.lstm with its call() replaced by one tfjs op (tf.customGrad) whose forward
// and backward (hand-written BPTT) run on our wasm kernels. It IS an LSTM subclass: same
// constructor args, same cell and weights (lstm_1/kernel, lstm_1/recurrent_kernel, lstm_1/bias),
// same initializers, same getConfig() and class name 'LSTM' (the static className is inherited),
// so a model trained with it saves as a standard tfjs LSTM model and loads anywhere as
// tf.layers.lstm, with no custom class to register. Calls the fast op does not cover (masks,
// initial states, dropout inside the cell, other activations, ...) go to the stock LSTM.
import * as tf from '@tensorflow/tfjs';
import { installFastMatMul } from './fast-matmul';
import { LstmRun, toSparse } from './lstm-compute';

export type LstmArgs = Parameters<typeof tf.layers.lstm>[0];
type LstmLayer = ReturnType<typeof tf.layers.lstm>;
type Kwargs = { mask?: tf.Tensor | null; training?: boolean; initialState?: tf.Tensor[] | null } | undefined;

interface CellWeights {
  kernel: { read(): tf.Tensor };
  recurrentKernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
}

/** Why the fast op cannot run a layer with this config, or null when it can. */
export function fastLstmUnsupported(config: tf.serialization.ConfigDict): string | null {
  const want: Record<string, unknown> = {
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    useBias: true,
    dropout: 0,
    recurrentDropout: 0,
    returnSequences: true,
    returnState: false,
    goBackwards: false,
    stateful: false,
  };
  for (const [key, value] of Object.entries(want)) {
    if ((config[key] ?? (key === 'dropout' || key === 'recurrentDropout' ? 0 : undefined)) !== value)
      return `${key} is ${JSON.stringify(config[key])} (the fast LSTM needs ${JSON.stringify(value)})`;
  }
  return null;
}

function isTapeOn(): boolean {
  return (tf.engine() as unknown as { isTapeOn(): boolean }).isTapeOn();
}

export type FastLstmLayer = LstmLayer & { readonly fastUnsupported: string | null };

let fastClass: (new (args: LstmArgs) => FastLstmLayer) | null = null;

/** The FastLSTM class (made on first use, from the LSTM class tfjs actually loaded). */
export function fastLstmClass(): new (args: LstmArgs) => FastLstmLayer {
  if (fastClass) return fastClass;
  // The LSTM class is not exported by @tensorflow/tfjs; take it from an instance so we subclass
  // exactly the class tfjs serializes (a deep import could load a second copy of tfjs-layers).
  const Base = tf.layers.lstm({ units: 1, name: 'fast_lstm_probe' }).constructor as new (args: LstmArgs) => LstmLayer;

  class FastLSTM extends Base {
    readonly fastUnsupported: string | null;
    private lastRun: LstmRun | null = null;

    constructor(args: LstmArgs) {
      super(args);
      this.fastUnsupported = fastLstmUnsupported(this.getConfig());
    }

    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      const k = kwargs as Kwargs;
      const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : null) : inputs;
      if (this.fastUnsupported || !x || k?.mask || k?.initialState || x.dtype !== 'float32' || x.rank !== 3) {
        return super.call(inputs, kwargs as never);
      }
      // The heads' gradient products go to our GEMM too (installed on first use, so the layer may be
      // built before the backend is chosen).
      if (tf.getBackend() === 'wasm') installFastMatMul();
      const cell = (this as unknown as { cell: CellWeights }).cell;
      const W = cell.kernel.read();
      const U = cell.recurrentKernel.read();
      const b = cell.bias!.read();
      const wantInput = !this.fedByInputLayer();
      const recording = isTapeOn();
      // A layer fed by a model input (data) leaves x out of the op: no input gradient is made.
      const forward = (xs: tf.Tensor, Ws: tf.Tensor, Us: tf.Tensor, bs: tf.Tensor) => {
        const [B, T, I] = xs.shape;
        const units = Us.shape[0];
        const dense = xs.dataSync() as Float32Array;
        const run = new LstmRun({
          B,
          T,
          I,
          U: units,
          x: toSparse(dense, B * T, I) ?? dense,
          kernel: Ws.dataSync() as Float32Array,
          recurrent: Us.dataSync() as Float32Array,
          bias: bs.dataSync() as Float32Array,
        });
        // One set of wasm buffers per layer: a newer forward frees the previous one (whose
        // backward, if it ever comes, recomputes its forward).
        this.lastRun?.dispose();
        const out = run.forward();
        if (recording) this.lastRun = run;
        else run.dispose();
        const value = tf.tensor3d(out, [B, T, units]);
        const gradFunc = (dy: tf.Tensor) => {
          const g = run.backward(dy.dataSync() as Float32Array, wantInput);
          if (this.lastRun === run) this.lastRun = null;
          const weights = [
            tf.tensor2d(g.kernel, Ws.shape as [number, number]),
            tf.tensor2d(g.recurrent, Us.shape as [number, number]),
            tf.tensor1d(g.bias),
          ];
          return g.input ? [tf.tensor3d(g.input, [B, T, I]), ...weights] : weights;
        };
        return { value, gradFunc };
      };
      type CustomFn = Parameters<typeof tf.customGrad>[0];
      if (wantInput) return tf.customGrad(forward as unknown as CustomFn)(x, W, U, b);
      return tf.customGrad(((Ws: tf.Tensor, Us: tf.Tensor, bs: tf.Tensor) => forward(x, Ws, Us, bs)) as unknown as CustomFn)(W, U, b);
    }

    /** True when every input of this layer is a model input (data: no gradient is needed). */
    private fedByInputLayer(): boolean {
      const nodes = this.inboundNodes;
      return (
        nodes.length > 0 &&
        nodes.every((n) => n.inboundLayers.length > 0 && n.inboundLayers.every((l) => l.getClassName() === 'InputLayer'))
      );
    }

    override dispose() {
      this.lastRun?.dispose();
      this.lastRun = null;
      return super.dispose();
    }
  }
  fastClass = FastLSTM as unknown as new (args: LstmArgs) => FastLstmLayer;
  return fastClass;
}
