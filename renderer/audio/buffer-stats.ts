// Loudness facts about a rendered buffer (used by tests and a level meter): peak and RMS over all channels.
export interface BufferStats {
  peak: number; // max |sample|
  rms: number;
  seconds: number;
  channels: number;
}

export function analyseBuffer(b: {
  numberOfChannels: number;
  length: number;
  sampleRate: number;
  getChannelData(c: number): Float32Array;
}): BufferStats {
  let peak = 0;
  let sum = 0;
  for (let c = 0; c < b.numberOfChannels; c++) {
    const d = b.getChannelData(c);
    for (let i = 0; i < d.length; i++) {
      const v = d[i];
      const a = v < 0 ? -v : v;
      if (a > peak) peak = a;
      sum += v * v;
    }
  }
  const n = Math.max(1, b.length * b.numberOfChannels);
  return { peak, rms: Math.sqrt(sum / n), seconds: b.length / b.sampleRate, channels: b.numberOfChannels };
}
