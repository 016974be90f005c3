// @vitest-environment jsdom
// The epoch table reads its losses in the charts' unit: nats per note when every epoch recorded
// them (the best-epoch title and the charts use per note), per event for older histories; the
// library's figures likewise (library-figures.ts).
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import EpochList from '../../../renderer/training/EpochList.svelte';
import { bestDev, devAt, devText } from '../../../renderer/training/library-figures';
import type { SamplePlayer } from '../../../renderer/training/sample-player.svelte';
import { rec } from './epoch-fixture';

afterEach(cleanup);

const player = { playing: null, error: '', toggle: () => {} } as unknown as SamplePlayer;

const cells = () =>
  [...screen.getByTestId('epoch-list').querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent),
  );

describe('EpochList', () => {
  it('shows nats per note when the run recorded them, newest first, the best starred', () => {
    render(EpochList, { history: [rec(1, 4.5, 5.1), rec(2, 4.4, 4.95)], samples: [], player });
    expect(cells()).toEqual([
      ['2 ★', '5.550', '4.950'],
      ['1', '5.700', '5.100'],
    ]);
    expect(screen.getByTestId('epoch-list').textContent).toContain('nats per note');
  });

  it('shows nats per event for a history without per-note figures', () => {
    render(EpochList, { history: [rec(1, 4.5), rec(2, 4.4)], samples: [], player });
    expect(cells()).toEqual([
      ['2 ★', '4.900', '4.400'],
      ['1', '5.000', '4.500'],
    ]);
    expect(screen.getByTestId('epoch-list').textContent).toContain('nats per event');
  });
});

describe('library figures', () => {
  const history = [rec(1, 4.5, 5.1), rec(2, 4.4, 4.95)];
  it("reads an epoch's dev loss per note from the history, per event when the epoch is not there", () => {
    expect(devAt({ history }, 1, 4.5)).toEqual({ loss: 5.1, unit: 'note' });
    expect(bestDev({ history, bestEpoch: 2, bestDevLoss: 4.4 })).toEqual({ loss: 4.95, unit: 'note' });
    expect(devAt({ history: [rec(1, 4.5)] }, 1, 4.5)).toEqual({ loss: 4.5, unit: 'event' });
    expect(devAt({ history }, 7, 3.9)).toEqual({ loss: 3.9, unit: 'event' });
    expect(devText({ history }, 2, 4.4)).toBe('4.950/note');
  });
});
