// Main-process (or studio-server) handlers of the training channels (api/channels/training.ts):
// files picked in dialogs (Electron) or uploaded as bytes (browser), the working corpus manifest and
// the model library on disk (with each run's kept checkpoints, run-checkpoints.ts). Importing MIDI
// and loading models with TensorFlow.js is the trainer's job.
import { existsSync, promises as fs } from 'node:fs';
import type { HostServices } from '../host-services';
import type { MainChannel, PayloadOf, ResultOf } from '../../api/contract';
import { MAX_BUNDLE_BYTES, type TRAINING_CHANNELS, UPLOAD_ID_PATTERN, type LibraryModel } from '../../api/channels/training';
import { addPickedPaths, clearCorpus, removeCorpusFile, saveUploads, setLeftOut, setSoloTrack, useDefaultCorpus } from './corpus-store';
import { deleteModel, getModel, listModels, modelDir, modelsRoot, renameModel, setActiveModel } from './library';
import { checkpointRows, checkpointsDir, useCheckpoint } from './checkpoint-index';
import { commitStaged, discardStaged, exportBundle, exportFolder, stageBundle, stageFolder } from './library-transfer';

type TrainingMainChannel = Extract<MainChannel, keyof typeof TRAINING_CHANNELS>;
export type TrainingMainHandlers = { [C in TrainingMainChannel]: (payload: PayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

type Env = Record<string, string | undefined>;

interface Upload {
  total: number;
  chunks: string[];
  chars: number;
}

export function createTrainingMainHandlers(host: HostServices, env: Env = process.env): TrainingMainHandlers {
  const uploads = new Map<string, Upload>();

  function trainer() {
    if (!host.trainer) throw new Error('the backend process is not available here');
    return host.trainer;
  }
  const report = () => trainer().request('corpus:report');
  function needDialog(what: string) {
    if (host.kind !== 'electron' || !host.showOpenDialog) {
      throw new Error(
        `${what} needs the desktop app's file dialog; in the browser studio use the upload button or drag files onto the page`,
      );
    }
    return host.showOpenDialog.bind(host);
  }
  /** The model a running training writes to must not be renamed or deleted under it. */
  async function refuseIfTraining(id: string, what: string) {
    if (!host.trainer) return;
    const state = await host.trainer.request('train:status').catch(() => null);
    if (state?.running && state.info.modelId === id)
      throw new Error(`"${id}" is being written by the training in progress: stop it before it can be ${what}`);
  }
  const withCheckpoints = (m: LibraryModel): LibraryModel => {
    const rows = m.readOnly ? undefined : checkpointRows(modelsRoot(env), m.id);
    return rows ? { ...m, checkpoints: rows } : m;
  };
  async function importStaged(staged: { staging: string; name: string }): Promise<LibraryModel> {
    try {
      await trainer().request('models:check', { staging: staged.staging });
    } catch (err) {
      await discardStaged(staged.staging, env).catch(() => undefined);
      throw new Error(`the model cannot be imported: ${(err as Error).message}`, { cause: err });
    }
    return commitStaged(staged.staging, staged.name, env);
  }

  return {
    'corpus:upload': async ({ files }) => {
      saveUploads(files, env);
      return report();
    },
    'corpus:add': async ({ folders }) => {
      const open = needDialog('Adding files');
      const paths = await open({
        title: folders ? 'Add folders of MIDI solos' : 'Add MIDI solos',
        folders,
        multiple: true,
        ...(folders ? {} : { filters: [{ name: 'MIDI files', extensions: ['mid', 'midi', 'kar', 'smf'] }] }),
      });
      if (paths.length) addPickedPaths(paths, env);
      return report();
    },
    'corpus:remove': async ({ path }) => {
      removeCorpusFile(path, env);
      return report();
    },
    'corpus:leave-out': async ({ path, leftOut }) => {
      setLeftOut(path, leftOut, env);
      return report();
    },
    'corpus:track': async ({ path, track }) => {
      setSoloTrack(path, track, env);
      return report();
    },
    'corpus:use-default': async () => {
      useDefaultCorpus(env);
      return report();
    },
    'corpus:clear': async () => {
      clearCorpus(env);
      return report();
    },
    'models:list': async () => {
      const list = await listModels(env);
      return { ...list, models: list.models.map(withCheckpoints) };
    },
    'models:rename': async ({ id, name }) => {
      await refuseIfTraining(id, 'renamed');
      const renamed = await renameModel(id, name, env);
      const kept = checkpointsDir(modelsRoot(env), id);
      if (renamed.id !== id && existsSync(kept)) await fs.rename(kept, checkpointsDir(modelsRoot(env), renamed.id));
      return withCheckpoints(renamed);
    },
    'models:delete': async ({ id }) => {
      await refuseIfTraining(id, 'deleted');
      await deleteModel(id, env);
      await fs.rm(checkpointsDir(modelsRoot(env), id), { recursive: true, force: true });
      return { deleted: id };
    },
    'models:use-checkpoint': async ({ id, kind }) => {
      await refuseIfTraining(id, 'switched to another checkpoint');
      await useCheckpoint(modelsRoot(env), id, modelDir(id, env), kind);
      return withCheckpoints(await getModel(id, env));
    },
    'models:set-active': async ({ id }) => ({ activeId: await setActiveModel(id, env) }),
    'models:export': async ({ id }) => {
      const open = needDialog('Exporting a model folder');
      await getModel(id, env); // unknown ids fail before the dialog opens
      const [dest] = await open({ title: 'Export the model into this folder', folders: true, multiple: false });
      return { path: dest ? await exportFolder(id, dest, env) : null };
    },
    'models:export-bundle': ({ id }) => exportBundle(id, env),
    'models:import': async () => {
      const open = needDialog('Importing a model folder');
      const [src] = await open({ title: 'Import a LickLab model folder', folders: true, multiple: false });
      if (!src) return null;
      return importStaged(await stageFolder(src, env));
    },
    'models:upload': async ({ uploadId, index, total, data }) => {
      if (!UPLOAD_ID_PATTERN.test(uploadId)) throw new Error('the upload id must be 6 to 32 lowercase letters or digits');
      let up = uploads.get(uploadId);
      if (!up) {
        if (index !== 0) throw new Error(`the upload ${uploadId} is unknown: start again with chunk 0`);
        if (uploads.size >= 4) uploads.delete(uploads.keys().next().value!); // abandoned uploads do not pile up
        uploads.set(uploadId, (up = { total, chunks: [], chars: 0 }));
      }
      if (total !== up.total || index !== up.chunks.length) {
        uploads.delete(uploadId);
        throw new Error(`chunk ${index + 1} of ${total} arrived out of order; the upload was dropped, start again`);
      }
      up.chunks.push(data);
      up.chars += data.length;
      if (up.chars > MAX_BUNDLE_BYTES) {
        uploads.delete(uploadId);
        throw new Error(
          `the model bundle is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MB; import its folder in the desktop app instead`,
        );
      }
      if (up.chunks.length < total) return { received: up.chunks.length };
      uploads.delete(uploadId);
      const text = Buffer.from(up.chunks.join(''), 'base64').toString('utf8');
      return { received: total, model: await importStaged(await stageBundle(text, env)) };
    },
  };
}
