declare module 'virtual:licklab-piano-samples' {
  /** Note name (e.g. "D#4") -> URL of its mp3, bundled by pianoSamplesPlugin. */
  const urls: Record<string, string>;
  export default urls;
}
