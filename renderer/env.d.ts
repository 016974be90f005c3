/// <reference types="vite/client" />
// For plain tsc: .svelte files are checked by svelte-check; here they are just components.
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<Record<string, unknown>>;
  export default component;
}
