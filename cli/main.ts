// The `licklab` command line: one small dispatcher; each subcommand lives in cli/commands/<name>.ts
// and exports `run(args: string[]): Promise<number>` (the exit code) plus a one-line `summary`.
import { CliError } from './cli-error';

export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  studio: () => import('./commands/studio'),
  corpus: () => import('./commands/corpus'),
  train: () => import('./commands/train'),
  sample: () => import('./commands/sample'),
  backend: () => import('./commands/backend'),
  eval: () => import('./commands/eval'),
};

async function help(): Promise<string> {
  const lines = ['licklab: train an LSTM improviser on jazz solos, generate new solos over chord changes.', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    const summary = await load().then(
      (c) => c.summary,
      () => '(not available in this build)',
    );
    lines.push(`  ${name.padEnd(8)} ${summary}`);
  }
  lines.push('', 'Run `licklab <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`licklab: unknown command "${name}".\n\n${await help()}`);
    return 2;
  }
  const command = await load();
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
