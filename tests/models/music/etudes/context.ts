// A line-writing context over a form's changes for the etude tests: a seeded player (archetype
// `archetype`) and the chords of `form` in `key` for `choruses` choruses.
import { chartToSpans, parseChordChart } from '../../../../models/music/chord-chart';
import { notePc } from '../../../../models/music/chords';
import { formChart, getForm } from '../../../../models/music/forms';
import type { LineContext } from '../../../../models/music/etudes/line-types';
import { createPlayer } from '../../../../models/music/etudes/players';
import { createRng } from '../../../../models/random';
import type { Bar } from '../../../../models/music/types';

export function lineContext(form = 'blues', key = 'F', seed = 1, archetype = 0, tempo = 160): LineContext & { bars: Bar[] } {
  const chart = parseChordChart(formChart(form, key));
  const beats = getForm(form).meter === '3/4' ? 3 : 4;
  const bars = chart.bars.map((_, i) => ({ start: i * beats * 12, beats }));
  const rng = createRng(seed);
  return {
    rng,
    player: createPlayer(rng, archetype),
    chords: chartToSpans(chart, bars),
    tempo,
    feel: 'swing',
    tonic: notePc(key),
    blues: form.includes('blues'),
    bars,
  };
}
