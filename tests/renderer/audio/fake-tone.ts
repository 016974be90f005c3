// A recording stand-in for the parts of Tone.js the player uses (Tone cannot run outside a browser).
export interface Triggered {
  instrument: string;
  args: unknown[];
}

export function makeFakeTone() {
  const triggered: Triggered[] = [];
  const created: string[] = [];
  let disposed = 0;
  const transport = {
    events: [] as Array<{ cb: (time: number) => void; at: number; once: boolean }>,
    loop: false,
    loopStart: 0 as number,
    loopEnd: 0 as number,
    started: null as null | { time: number; offset: number },
    seconds: 0,
    schedule(cb: (time: number) => void, at: number) {
      this.events.push({ cb, at, once: false });
      return this.events.length;
    },
    scheduleOnce(cb: (time: number) => void, at: number) {
      this.events.push({ cb, at, once: true });
      return this.events.length;
    },
    cancel() {
      this.events = [];
    },
    stop() {
      this.started = null;
    },
    start(time: number, offset: number) {
      this.started = { time, offset };
    },
    getSecondsAtTime() {
      return this.seconds;
    },
    /** Fire every event scheduled in [from, to) as the real transport would (time = at + 100). */
    run(from: number, to: number) {
      for (const e of this.events.slice()) if (e.at >= from && e.at < to) e.cb(e.at + 100);
    },
  };
  const context = {
    state: 'running' as AudioContextState,
    decodeAudioData: async (data: ArrayBuffer) => ({ decoded: data.byteLength }) as unknown as AudioBuffer,
  };

  class Node {
    name: string;
    volume = { value: 0 };
    constructor(name: string, ...args: unknown[]) {
      this.name = name;
      created.push(name);
      if (name === 'Volume') this.volume.value = args[0] as number;
    }
    connect() {
      return this;
    }
    toDestination() {
      return this;
    }
    dispose() {
      disposed++;
    }
    triggerAttackRelease(...args: unknown[]) {
      triggered.push({ instrument: this.name, args });
    }
    releaseAll() {
      triggered.push({ instrument: this.name, args: ['releaseAll'] });
    }
    triggerRelease() {
      triggered.push({ instrument: this.name, args: ['release'] });
    }
  }
  const cls = (name: string) =>
    class extends Node {
      constructor(...args: unknown[]) {
        super(name, ...args);
      }
    };

  const offlineCalls: number[] = [];
  const tone = {
    Limiter: cls('Limiter'),
    Compressor: cls('Compressor'),
    Volume: cls('Volume'),
    Sampler: cls('Sampler'),
    MonoSynth: cls('MonoSynth'),
    Filter: cls('Filter'),
    NoiseSynth: cls('NoiseSynth'),
    MembraneSynth: cls('MembraneSynth'),
    getTransport: () => transport,
    getContext: () => context,
    now: () => 100,
    immediate: () => 1000, // well after any start time: the transport position decides
    start: async () => {},
    Offline: async (cb: () => void, seconds: number) => {
      offlineCalls.push(seconds);
      cb();
      return { get: () => ({ duration: seconds }) as unknown as AudioBuffer };
    },
  };
  /** Back to a fresh state between tests (the mocked module is created once). */
  function reset(): void {
    triggered.length = 0;
    created.length = 0;
    offlineCalls.length = 0;
    disposed = 0;
    Object.assign(transport, { events: [], loop: false, loopStart: 0, loopEnd: 0, started: null, seconds: 0 });
    context.state = 'running';
  }
  return { tone, transport, context, triggered, created, offlineCalls, reset, disposedCount: () => disposed };
}
