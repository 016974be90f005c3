// Child process of native-onednn.bench.ts: times the chosen native training path in a fresh process
// for the largest bench shape (2 x 256, whose weight products run on TensorFlow; with BENCH_BIG=0 the
// default preset, whose step runs no TensorFlow op, so on and off differ only by noise), whose libtensorflow read TF_ENABLE_ONEDNN_OPTS from the environment it was
// given. Prints one JSON line: {ms} (median step) or {error}.
import { activateBackend } from '../models/lstm/backend';
import { kernels } from '../models/lstm/fast/kernels';
import { StepRunner, benchShapes, median } from './lstm-step';

const problem = await activateBackend('tensorflow');
if (problem) {
  console.log(JSON.stringify({ error: problem }));
} else {
  kernels().startHelpers();
  const shapes = benchShapes(false);
  const runner = new StepRunner(shapes[shapes.length - 1], true);
  await runner.step();
  const times: number[] = [];
  for (let i = 0; i < Number(process.argv[2] ?? 8); i++) times.push(await runner.step());
  runner.dispose();
  console.log(JSON.stringify({ ms: median(times) }));
}
