// Every request the trainer process answers, in one map: channel -> handler. Add a contract channel
// made with `trainerChannel(...)` in api/contract.ts and the type checker asks for its entry here.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../models/lstm/backend';
import { studioHandlers } from '../studio/trainer-handlers';
import { trainingHandlers } from '../training/trainer-handlers';
import type { EventMap, EventName, PayloadOf, ProductChannel, ResultOf, TestChannel, TrainerChannel } from '../../api/contract';

export interface HandlerContext {
  /** Push a progress event to every window (e.g. `train:progress`). */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}

export type Handler<C extends TrainerChannel> = (payload: PayloadOf<C>, ctx: HandlerContext) => Promise<ResultOf<C>> | ResultOf<C>;
export type HandlerMap<K extends TrainerChannel> = { [C in K]: Handler<C> };

/** Initializes TensorFlow.js and proves the backend computes (a 2x2 matMul) before answering. */
async function backendInfo(): Promise<ResultOf<'backend:info'>> {
  const info = await initBackend();
  const product = tf.tidy(() =>
    tf.matMul(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([
        [5, 6],
        [7, 8],
      ]),
    ),
  );
  const values = Array.from(await product.data());
  product.dispose();
  const expected = [19, 22, 43, 50];
  if (values.some((v, i) => Math.abs(v - expected[i]) > 1e-4)) {
    throw new Error(`the ${info.name} backend computed a wrong matrix product (${values.join(', ')})`);
  }
  return info;
}

export const handlers: HandlerMap<Extract<ProductChannel, TrainerChannel>> = {
  'backend:info': backendInfo,
  ...studioHandlers,
  ...trainingHandlers,
};

/** Registered only when LICKLAB_TEST=1. */
export const testHandlers: HandlerMap<Extract<TestChannel, TrainerChannel>> = {
  'debug:crash': () => {
    // A hard crash, like the OS killing the process: no reply, no cleanup.
    process.kill(process.pid, 'SIGKILL');
    return new Promise<never>(() => {});
  },
  'debug:wait': async ({ ms }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { waitedMs: ms };
  },
};
