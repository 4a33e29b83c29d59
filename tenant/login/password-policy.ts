// Auth0's "fair" password policy, the default for new database connections: at least 8 characters
// with lower case, upper case and numbers. Failures are reported in PasswordStrengthError's
// `description.rules` structure (docs/auth0-api.md §3.6).

interface RuleItem {
  code: 'lowerCase' | 'upperCase' | 'numbers';
  message: string;
  verified: boolean;
}
export interface PolicyVerdict {
  rules: Array<{ code: string; message: string; format?: number[]; items?: RuleItem[]; verified: boolean }>;
  verified: boolean;
}

const MIN_LENGTH = 8;

export function checkPasswordPolicy(password: string): PolicyVerdict {
  const items: RuleItem[] = [
    { code: 'lowerCase', message: 'lower case letters (a-z)', verified: /[a-z]/.test(password) },
    { code: 'upperCase', message: 'upper case letters (A-Z)', verified: /[A-Z]/.test(password) },
    { code: 'numbers', message: 'numbers (i.e. 0-9)', verified: /[0-9]/.test(password) },
  ];
  const rules = [
    {
      code: 'lengthAtLeast',
      message: 'At least %d characters in length',
      format: [MIN_LENGTH],
      verified: password.length >= MIN_LENGTH,
    },
    {
      code: 'containsAtLeast',
      message: 'Contain at least %d of the following %d types of characters:',
      format: [3, 3],
      items,
      verified: items.every((i) => i.verified),
    },
  ];
  return { rules, verified: rules.every((r) => r.verified) };
}
