// The pretrained model that ships with LickLab (assets/default-model, made by
// scripts/train-default-model.ts), so sampling and the dashboard work on first launch.
import { locateAsset } from '../asset-dir';

/** assets/default-model; $LICKLAB_DEFAULT_MODEL overrides. */
export const DEFAULT_MODEL_DIR = locateAsset('default-model', 'licklab.json', 'LICKLAB_DEFAULT_MODEL', import.meta.url);
