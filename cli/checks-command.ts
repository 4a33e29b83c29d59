import { checkListing, type ListedCheck } from './check-listing.ts';
import { checksMarkdown } from './checks-markdown.ts';
import { UsageError } from './usage-error.ts';

// `auth0-harness checks [filter]`: every check id with its severity, reference, title and the file
// that defines it, so an id seen in a report leads straight to its rule.

export interface ChecksOptions {
  json?: boolean;
  markdown?: boolean;
}

function asText(checks: ListedCheck[]): string {
  const width = Math.max(...checks.map((c) => c.id.length));
  const blocks = checks.map((c) =>
    [
      `${c.id.padEnd(width)}  ${c.severity.padEnd(7)}  ${c.source ?? '(defining file not found)'}`,
      `    ${c.title}`,
      `    ${c.ref}`,
    ].join('\n'),
  );
  return `${blocks.join('\n')}\n`;
}

/** Writes the listing to stdout; returns the exit status. */
export function checksCommand(filter: string | undefined, options: ChecksOptions): number {
  const all = checkListing();
  const checks = filter === undefined ? all : all.filter((c) => c.id.includes(filter));
  if (checks.length === 0)
    throw new UsageError(
      `No check id contains "${filter}"; run \`auth0-harness checks\` without a filter to list them all.`,
    );
  if (options.markdown) {
    if (filter !== undefined)
      throw new UsageError('--markdown writes the whole page (docs/checks.md); leave out the filter.');
    process.stdout.write(checksMarkdown(checks));
  } else if (options.json) process.stdout.write(`${JSON.stringify({ checks }, null, 2)}\n`);
  else process.stdout.write(asText(checks));
  return 0;
}
