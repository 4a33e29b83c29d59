import { z } from 'zod';

// How to get through a provider's own login pages over plain HTTP, as data: the steps a browser
// journey may meet (a login form, a consent form, a logout confirmation), each naming the form it
// submits and the values it fills in. The driver (lib/conformance/browser-login.ts) follows redirects and,
// on each page, submits the form of the first step that matches one there. Two presets describe the
// pages this project knows: the local tenant's Universal-Login-like page (and Auth0's New Universal
// Login with identifier and password on one page), and oidc-provider's development interactions.

/** What a field value may name; the driver puts in the test user's. */
const PLACEHOLDERS = ['{username}', '{password}', '{otp}'] as const;

const FieldValue = z.string().superRefine((value, ctx) => {
  for (const [placeholder] of value.matchAll(/\{[^}]*\}/g))
    if (!(PLACEHOLDERS as readonly string[]).includes(placeholder))
      ctx.addIssue({
        code: 'custom',
        message: `${placeholder} is not a value the driver fills in; use ${PLACEHOLDERS.join(', ')} or literal text`,
      });
});

/** Which form of a page a step submits: every condition given must hold. */
export const FormMatch = z
  .object({
    /** The name of a field (input, select, textarea or button) inside the form. */
    hasField: z.string().min(1).optional(),
    /** Text the form's action attribute contains. */
    actionContains: z.string().min(1).optional(),
    /** The form's id attribute. */
    id: z.string().min(1).optional(),
  })
  .refine((m) => m.hasField !== undefined || m.actionContains !== undefined || m.id !== undefined, {
    message: 'name the form by at least one of hasField, actionContains or id',
  });

export const LoginStep = z.object({
  /** Names the step in findings: `login`, `consent`. */
  name: z.string().min(1),
  form: FormMatch,
  /** Values to submit, by field name, over the form's hidden inputs: `{ "password": "{password}" }`. */
  fields: z.record(z.string(), FieldValue).default({}),
  /** Where to send the form when not to its action (resolved against the page's URL, as a browser would). */
  postTo: z.string().min(1).optional(),
});

export type LoginStep = z.infer<typeof LoginStep>;
export type FormMatch = z.infer<typeof FormMatch>;

export type LoginPreset = 'universal-login' | 'oidc-provider-dev-interactions';

const LOGIN_PRESETS: Record<LoginPreset, LoginStep[]> = {
  // The local tenant's /u/login (and Auth0's New Universal Login, identifier and password on one page):
  // the transaction's state rides in a hidden input; the button's name and value say which action.
  'universal-login': [
    {
      name: 'login',
      form: { hasField: 'password' },
      fields: { username: '{username}', password: '{password}', action: 'default' },
    },
    { name: 'one-time code', form: { hasField: 'code' }, fields: { code: '{otp}', action: 'default' } },
  ],
  // oidc-provider's devInteractions: a login form (any login and password), then a consent form, both
  // posting to /interaction/{uid}; RP-initiated logout asks to confirm in a form whose buttons sit
  // outside it (form="op.logoutForm"), so the button's value is given here.
  'oidc-provider-dev-interactions': [
    { name: 'login', form: { hasField: 'login' }, fields: { login: '{username}', password: '{password}' } },
    { name: 'consent', form: { actionContains: '/interaction/' }, fields: {} },
    { name: 'logout confirmation', form: { id: 'op.logoutForm' }, fields: { logout: 'yes' } },
  ],
};

export const LoginDescription = z
  .object({
    /** A built-in description; steps given beside it are tried after its own. */
    preset: z.enum(Object.keys(LOGIN_PRESETS) as [LoginPreset, ...LoginPreset[]]).optional(),
    steps: z.array(LoginStep).optional(),
  })
  .refine((d) => d.preset !== undefined || (d.steps?.length ?? 0) > 0, {
    message: `give a preset (${Object.keys(LOGIN_PRESETS).join(', ')}) or at least one step`,
  });

export type LoginDescription = z.infer<typeof LoginDescription>;

/**
 * The steps a run drives login pages with: the configured description; without one, the
 * Universal-Login preset where the pages are Auth0's or the local tenant's; else none (undefined).
 */
export function loginSteps(
  login: LoginDescription | undefined,
  profile: 'auth0' | 'oidc',
  localTenant: boolean,
): LoginStep[] | undefined {
  if (login) return [...(login.preset ? LOGIN_PRESETS[login.preset] : []), ...(login.steps ?? [])];
  if (profile === 'auth0' || localTenant) return LOGIN_PRESETS['universal-login'];
  return undefined;
}

/** Why browser flows cannot run without a login description, for the cells they would cover. */
export const NO_LOGIN_DESCRIPTION =
  'no login description in the harness configuration (login): the oidc profile drives a provider\'s own login pages only as described there, e.g. { "preset": "oidc-provider-dev-interactions" } or { "steps": [ … ] }';
