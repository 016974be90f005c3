// Handles for automated checks of the real UI: the end-to-end suite opens the studio with
// `?inspect` in its address and reads the roll's drawn notes, the take on it and an offline render
// of its sound through `window.__licklab`. For a musician nothing is exposed: without the flag this
// does nothing.
type Handles = Record<string, object>;

export function inspectionEnabled(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).has('inspect');
}

/** Put `handle` on `window.__licklab[name]` when inspection is on; returns the undo. */
export function expose(name: string, handle: object): () => void {
  if (!inspectionEnabled()) return () => {};
  const w = window as unknown as { __licklab?: Handles };
  const all = (w.__licklab ??= {});
  all[name] = handle;
  return () => {
    if (all[name] === handle) delete all[name];
  };
}
