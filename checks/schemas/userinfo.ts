import { z } from 'zod';

// GET/POST /userinfo (OIDC Core §5.3.2, docs/auth0-api.md §1.2): sub always, standard claims by scope.
export const UserInfo = z.lazy(() =>
  z.looseObject({
    sub: z.string().min(1),
    name: z.string().optional(),
    nickname: z.string().optional(),
    picture: z.string().optional(),
    email: z.string().optional(),
    email_verified: z.boolean().optional(),
    phone_number: z.string().optional(),
    phone_number_verified: z.boolean().optional(),
    updated_at: z.union([z.string(), z.number()]).optional(),
  }),
);
