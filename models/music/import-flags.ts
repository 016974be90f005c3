// What a musician must know about an imported file, in plain words. A flag marks a file that may
// not belong in training: it lost more than a few percent of its notes, or its solo part does not
// look like a solo (many voices at once, or a part that plays only in a corner of the tune). The
// panel and the CLI show each flag and each warning with an explanation, so a file is never just
// "ok ⚠"; a flagged file can be left out of training. Pure: the renderer uses it too.
import type { TrackCandidate } from './solo-track';

export type FileFlagKind = 'lost-notes' | 'not-a-solo' | 'part-of-tune';

export interface FileFlag {
  kind: FileFlagKind;
  text: string; // one plain sentence with the figures
}

/** More than this share of the solo part's notes lost on import flags the file ("a few percent"). */
export const LOST_NOTES_SHARE = 0.03;
/** A part where more than this share of notes start while another sounds plays chords, not a line. */
export const CHORDAL_SHARE = 0.2;
/** In a file of several parts, a solo part sounding in less than this share of the tune is suspect. */
export const PART_COVERAGE = 0.5;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The flags of one file: its solo part as chosen, how many of its notes it had and kept. */
export function fileFlags(chosen: TrackCandidate, candidates: TrackCandidate[], sourceNotes: number, keptNotes: number): FileFlag[] {
  const flags: FileFlag[] = [];
  const lost = sourceNotes - keptNotes;
  if (sourceNotes > 0 && lost / sourceNotes > LOST_NOTES_SHARE) {
    flags.push({
      kind: 'lost-notes',
      text: `${lost} of the part's ${sourceNotes} notes (${pct(lost / sourceNotes)}) could not be kept in one line: the model would learn a thinned-out version of what was played.`,
    });
  }
  if (chosen.polyphony > CHORDAL_SHARE) {
    flags.push({
      kind: 'not-a-solo',
      text: `This does not look like a solo: ${pct(chosen.polyphony)} of the notes of the part taken start while another note is still sounding (chords or several voices), and only the top line is kept.`,
    });
  }
  const others = candidates.filter((c) => c.index !== chosen.index && !c.drums);
  if (others.length > 0 && chosen.coverage < PART_COVERAGE) {
    flags.push({
      kind: 'part-of-tune',
      text: `The part taken as the solo plays in only ${pct(chosen.coverage)} of the tune; another track may hold the real solo (take another part: in the corpus panel, or with licklab corpus --track).`,
    });
  }
  return flags;
}

/** Plain words for one import warning: what happened and what it means for training. */
export function explainWarning(w: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d+) note\(s\) before the grid's first beat kept/.exec(w)))
    return `The solo starts before the first beat the beat grid marks. Those ${m[1]} notes were kept in a pickup bar before bar 1, played over no chord.`;
  if ((m = /^(\d+) note\(s\) dropped to make one line/.exec(w)))
    return `The model learns one note at a time. ${m[1]} notes landed on the same spot as another note after lining them up on the beat grid, or sounded under a held higher note (a chord or an inner voice), so they were left out.`;
  if (/^chords detected from track/.test(w))
    return 'No chord chart came with this file, so the chords were guessed from the notes of another track. A guessed chord can be wrong: a .chords.txt chart beside the file gives the real changes.';
  if (/^no chords/.test(w))
    return 'Nothing says which chords sound under this solo, so the model hears it over "no chord" and cannot learn how it fits the changes. Put a name.chords.txt chord chart beside the file.';
  if (/^no time signature/.test(w))
    return 'The file does not say its meter; bars of 4 beats are assumed. If the tune is in 3/4 or 6/8, its beats will be counted wrong.';
  if (/^no tempo event/.test(w)) return 'The file has no tempo; 120 bpm is assumed. Only the shown tempo is affected, not the notes.';
  if (/unknown chord/.test(w))
    return 'A chord symbol could not be read, so that stretch counts as "no chord". Fix the symbol in the chart to have it used.';
  if (/^chord chart ignored/.test(w))
    return 'Both a chord chart and a beat grid came with the file; the beat grid, which is timed to the recording, was used.';
  if (/bars missing from the grid/.test(w))
    return 'The beat grid skips some bar numbers; the bars are counted as they come, which may shift bar numbers after the gap.';
  if (/^ignored .*tempo|^ignored .*time signature|^ignored bad time signature/.test(w))
    return 'The file carries some impossible tempo or meter events; they were ignored and the rest of the file read normally.';
  if (/is cut inside the event|chunk\(s\) that are not tracks/.test(w))
    return 'The file is partly damaged; what could be read was kept, the damaged part was left out.';
  return 'The importer noted this while reading the file; the notes were read, but check the file if the result sounds wrong.';
}

/** Plain words for a flag's kind, as a short label. */
export const FLAG_LABELS: Record<FileFlagKind, string> = {
  'lost-notes': 'notes lost',
  'not-a-solo': 'not a solo?',
  'part-of-tune': 'part plays little',
};
