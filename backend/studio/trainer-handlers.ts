// Trainer-process handlers of the studio channels (api/channels/studio.ts): generation runs
// here, away from the window, and every result is stored as a take under dataPath('takes').
import type { ProductChannel, TrainerChannel } from '../../api/contract';
import type { HandlerMap } from '../trainer/handlers';
import { type STUDIO_CHANNELS } from '../../api/channels/studio';
import { dataPath } from '../user-data';
import { TakeStore, newTakeId } from './take-store';
import { takeFileName, takeMidiBytes } from './take-midi';
import { SWEEP_TEMPERATURES } from '../../api/takes';
import { activeGenerator, changesOf, freshSeed, makeTake } from './generation';

type StudioTrainerChannel = Extract<ProductChannel & keyof typeof STUDIO_CHANNELS, TrainerChannel>;

/** The store in the current data folder (read per call: tests and Electron set LICKLAB_DATA_DIR). */
const store = () => new TakeStore(dataPath('takes'));

export const studioHandlers: HandlerMap<StudioTrainerChannel> = {
  'take:generate': async (req) => {
    const changes = changesOf(req.source, { bars: req.bars, choruses: req.choruses }); // bad changes fail before the model loads
    const { dir, gen } = await activeGenerator();
    const take = makeTake(gen, dir, req, changes, { temperature: req.temperature, seed: req.seed ?? freshSeed(), name: req.name });
    return store().save(take);
  },
  'take:sweep': async (req) => {
    const changes = changesOf(req.source, { bars: req.bars, choruses: req.choruses });
    const { dir, gen } = await activeGenerator();
    const seed = req.seed ?? freshSeed();
    const sweepId = `sweep-${newTakeId()}`;
    const base = Date.now();
    // Generate all five before storing any, so a failure part-way leaves no half sweep behind. The
    // coolest is stamped newest, so the list (newest first) reads 0.2 ... 1.6 from the top.
    const takes = SWEEP_TEMPERATURES.map((temperature, i) =>
      makeTake(gen, dir, req, changes, { temperature, seed, sweepId, now: new Date(base + SWEEP_TEMPERATURES.length - 1 - i) }),
    );
    const s = store();
    return { sweepId, takes: takes.map((t) => s.save(t)) };
  },
  'take:list': () => store().list(),
  'take:update': ({ id, name, starred, instrument }) => store().update(id, { name, starred, instrument }),
  'take:delete': ({ id }) => {
    store().delete(id);
    return { id };
  },
  'take:midi': ({ id, band }) => {
    const take = store().get(id);
    return { fileName: takeFileName(take), base64: Buffer.from(takeMidiBytes(take, band)).toString('base64') };
  },
};
