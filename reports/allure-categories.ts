import { Status } from 'allure-js-commons';
import type { Category } from 'allure-js-commons/sdk';

// categories.json: Allure sorts every non-passing test into the first category that matches it, and
// within a category groups tests by their message (reports/defect-message.ts keeps one defect's
// message the same everywhere). "failed" is our word for the server falling short: a check saw a
// wrong answer, or the load crossed a threshold; "broken" for everything else: no response arrived,
// a check or flow threw, the run stopped early. The split tells the reader whom to call: the
// tenant's owners, or the harness's (or the network's).

export const allureCategories: Category[] = [
  {
    name: 'A threshold was crossed',
    description: 'Latency or the failed-request rate went past a threshold of the load profile.',
    matchedStatuses: [Status.FAILED],
    messageRegex: '(?s)threshold crossed:.*',
  },
  {
    name: 'The server broke the contract',
    description: 'A check saw a response that breaks the documented behaviour.',
    matchedStatuses: [Status.FAILED],
  },
  {
    name: 'The run did not complete',
    description:
      'The engine stopped early (interrupted, aborted by a threshold, crashed) or recorded no check: results cover what was measured.',
    matchedStatuses: [Status.BROKEN],
    messageRegex: '(?s)the run did not complete.*',
  },
  {
    name: 'No response arrived (transport error)',
    description: 'The request got no HTTP response (refused, reset, timed out): not evidence about the server.',
    matchedStatuses: [Status.BROKEN],
    traceRegex: '(?s).*no response \\(transport error.*',
  },
  {
    name: 'The harness failed (a check or flow threw)',
    description: 'A check or a flow threw an exception: a defect in the harness, not evidence about the server.',
    matchedStatuses: [Status.BROKEN],
  },
];
