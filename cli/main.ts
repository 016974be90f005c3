// The `licklab` command line: one small dispatcher; each subcommand lives in cli/commands/<name>.ts
// and exports `run(args: string[]): Promise<number>` (the exit code) and its `usage`. A command's
// module is loaded only when it runs: the one-line summaries for `licklab help` live here, so help
// (and every other command) never loads what only training needs (TensorFlow.js costs ~0.5-1 s).
import { CliError } from './cli-error';

export interface Command {
  usage: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  studio: { summary: 'open LickLab in your web browser (no Electron needed)', load: () => import('./commands/studio') },
  corpus: {
    summary: 'import MIDI files/folders with their chords and report what each file gives',
    load: () => import('./commands/corpus'),
  },
  train: {
    summary: 'train the LSTM improviser on a corpus (train/dev loss per epoch, early stopping)',
    load: () => import('./commands/train'),
  },
  sample: { summary: 'generate a solo over chord changes and write it as MIDI', load: () => import('./commands/sample') },
  backend: {
    summary: 'show the active ML backend (tfjs-node, wasm or cpu), which parts run where, and why',
    load: () => import('./commands/backend'),
  },
  eval: {
    summary: 'score a model on real solos: loss per note, its takes beside the solos, copying',
    load: () => import('./commands/eval'),
  },
};

function help(): string {
  const lines = ['licklab: train an LSTM improviser on jazz solos, generate new solos over chord changes.', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(commands)) lines.push(`  ${name.padEnd(8)} ${summary}`);
  lines.push('', 'Run `licklab <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    console.error(`licklab: unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`licklab ${name}: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}
