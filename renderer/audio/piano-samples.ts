// The bundled sample URLs. Import this only in builds that use pianoSamplesPlugin
// (the player loads it lazily, so merely importing the player does not need the plugin).
import urls from 'virtual:licklab-piano-samples';

export const PIANO_SAMPLE_URLS: Record<string, string> = urls;
