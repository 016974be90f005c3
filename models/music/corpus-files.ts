// Which files make a corpus: MIDI files and their chord sidecars. The one list of extensions for the
// importer, the working-corpus store, the upload picker and the help texts (pure: the renderer uses it).

/** A MIDI file LickLab imports. */
export const MIDI_FILE = /\.(mid|midi|kar|smf)$/i;
/** A chord chart beside `<name>.mid`: `<name>.chords.txt`. */
export const CHART_SUFFIX = '.chords.txt';
/** A beat grid with chords beside `<name>.mid` (or in `../beats/`, the WJD layout): `<name>.csv`. */
export const GRID_SUFFIX = '.csv';
/** A file a musician may add to a corpus: a MIDI file or a chord sidecar. */
export const CORPUS_FILE = /\.(mid|midi|kar|smf|chords\.txt|csv)$/i;
/** For messages: "MIDI files (.mid, .midi, .kar, .smf) or chord sidecars (.chords.txt, .csv)". */
export const CORPUS_FILES_TEXT = `MIDI files (.mid, .midi, .kar, .smf) or chord sidecars (${CHART_SUFFIX}, ${GRID_SUFFIX})`;

/** The name of a MIDI file without its extension ("tune.mid" -> "tune"). */
export function midiBaseName(name: string): string {
  return name.replace(MIDI_FILE, '');
}

/** The sidecar names that sit beside a MIDI file in the same folder. */
export function sidecarNames(midiName: string): string[] {
  const base = midiBaseName(midiName);
  return [base + CHART_SUFFIX, base + GRID_SUFFIX];
}
