// categories.json: Allure sorts every non-passing test into the first category that matches it.
// "failed" is our word for the server breaking the contract (a check saw a wrong answer);
// "broken" for everything else: a check that threw, a transport error, a run that stopped early.
// The split tells the reader whom to call: the tenant's owners, or the harness's.

export const allureCategories = [
  {
    name: 'The server broke the contract',
    description: 'A check saw a response that breaks the documented behaviour.',
    matchedStatuses: ['failed'],
  },
  {
    name: 'The run did not complete',
    description:
      'The engine stopped early (interrupted, aborted by a threshold, crashed): results cover what was measured.',
    matchedStatuses: ['broken'],
    messageRegex: '(?s)the run did not complete.*',
  },
  {
    name: 'The harness or the network failed',
    description: 'A check threw, or no HTTP response arrived: not evidence about the server.',
    matchedStatuses: ['broken'],
  },
];
