// Child process of native-onednn.bench.ts: times the chosen native training path (default preset)
// in a fresh process, whose libtensorflow read TF_ENABLE_ONEDNN_OPTS from the environment it was
// given. Prints one JSON line: {ms} (median step) or {error}.
import { activateBackend } from '../models/lstm/backend';
import { kernels } from '../models/lstm/fast/kernels';
import { StepRunner, benchShapes, median } from './lstm-step';

const problem = await activateBackend('tensorflow');
if (problem) {
  console.log(JSON.stringify({ error: problem }));
} else {
  kernels().startHelpers();
  const runner = new StepRunner(benchShapes(false)[0], true);
  await runner.step();
  const times: number[] = [];
  for (let i = 0; i < Number(process.argv[2] ?? 12); i++) times.push(await runner.step());
  runner.dispose();
  console.log(JSON.stringify({ ms: median(times) }));
}
