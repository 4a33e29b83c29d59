import type { CodeBlock } from './markdown-blocks.ts';

// What the docs test does with each command of a ```sh block. Every command runs, in a copy of the
// repository, and must exit 0, unless a note right above its block says otherwise:
//
//   <!-- doc-test: exit 1 -->                            the block's one command exits 1
//   <!-- doc-test: background until "listening on" -->  the block's one command keeps running (a
//                                                        server); the page goes on once it printed
//                                                        that text, and it is stopped at the page's end
//   <!-- doc-test: not run: needs k6 -->                 not run, for one of NOT_RUN_REASONS
//   <!-- doc-test: pending: <why> -->                    runs, but a failure is reported as a known
//                                                        gap (a todo) rather than failing the suite
//
// Installing is left out (the copy links the checkout's node_modules), and so is `npm test`, which
// would run this test inside itself.

/** Why a documented command may be left unrun: each is a resource the test machine does not have. */
export const NOT_RUN_REASONS: Record<string, string> = {
  'needs k6': 'k6 is not installed where the tests run (the local engine runs the same bundles)',
  'needs a Kubernetes cluster': 'no Kubernetes cluster is reachable from the tests',
  'needs an Auth0 tenant': "a real Auth0 tenant and its secrets are the reader's own",
  'takes minutes': 'it runs for minutes by design (a benchmark or a long load shape)',
};

export type CommandPlan =
  | { kind: 'run'; command: string; expectedExit: number; pending?: string }
  | { kind: 'background'; command: string; readyText: string }
  | { kind: 'skip'; command: string; reason: string };

export interface BlockPlan {
  block: CodeBlock;
  commands: CommandPlan[];
  /** What is wrong with the block or its notes, as sentences; empty when it can be run as written. */
  problems: string[];
}

const SHELL_ALIASES = new Set(['bash', 'shell', 'console', 'zsh', 'shell-session', 'sh-session']);
const INSTALL = /^\s*npm\s+(install|ci|i)(\s|$)/;
const TEST_SUITE = /^\s*npm\s+(run\s+)?test\s*(#.*)?$/;

/** A block's commands: one per line, `\`-continued lines joined, blank and comment lines left out. */
export function shellCommands(body: string): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const line of body.split('\n')) {
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const command = (pending + line).trim();
    pending = '';
    if (command && !command.startsWith('#')) commands.push(command);
  }
  return commands;
}

/** The command with its install steps (`npm install && …`) taken out; empty when it only installs. */
function withoutInstall(command: string): string {
  return command
    .split('&&')
    .filter((part) => !INSTALL.test(part))
    .map((part) => part.trim())
    .join(' && ');
}

export function planBlock(block: CodeBlock): BlockPlan {
  const where = `${block.page}:${block.line}`;
  const problems: string[] = [];
  if (block.lang === '')
    problems.push(`${where}: a code block without a language; mark commands \`sh\` and anything else \`text\`.`);
  if (SHELL_ALIASES.has(block.lang))
    problems.push(`${where}: shell commands are marked \`${block.lang}\`; mark them \`sh\` so that a test runs them.`);
  if (block.lang !== 'sh') return { block, commands: [], problems };

  const commands = shellCommands(block.body);
  let expectedExit = 0;
  let readyText: string | undefined;
  let notRun: string | undefined;
  let pending: string | undefined;
  for (const note of block.notes) {
    let m: RegExpExecArray | null;
    if ((m = /^exit (\d+)$/.exec(note))) expectedExit = Number(m[1]);
    else if ((m = /^background until "(.+)"$/.exec(note))) readyText = m[1];
    else if ((m = /^not run: (.+)$/.exec(note))) {
      notRun = m[1];
      if (!(notRun in NOT_RUN_REASONS))
        problems.push(
          `${where}: "not run: ${notRun}" is not a reason the docs test knows; use one of: ${Object.keys(NOT_RUN_REASONS).join('; ')}.`,
        );
    } else if ((m = /^pending: (.+)$/.exec(note))) pending = m[1];
    else problems.push(`${where}: "doc-test: ${note}" is not a note the docs test knows.`);
  }
  if ((expectedExit !== 0 || readyText) && commands.length !== 1)
    problems.push(`${where}: an "exit" or "background" note applies to a block of exactly one command.`);
  if (commands.length === 0) problems.push(`${where}: a \`sh\` block without a command.`);

  const plans = commands.map((command): CommandPlan => {
    if (notRun) return { kind: 'skip', command, reason: `${notRun}: ${NOT_RUN_REASONS[notRun] ?? 'unknown reason'}` };
    if (TEST_SUITE.test(command))
      return { kind: 'skip', command, reason: 'npm test runs the whole test suite, this test among it' };
    const runnable = withoutInstall(command);
    if (!runnable) return { kind: 'skip', command, reason: "it installs; the copy links the checkout's node_modules" };
    if (readyText) return { kind: 'background', command: runnable, readyText };
    return { kind: 'run', command: runnable, expectedExit, ...(pending ? { pending } : {}) };
  });
  return { block, commands: plans, problems };
}
