import { ErrorBody } from '@regiekit/sdk/protocol';
import type { z } from 'zod';

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const errorResponse = (description: string) => json(ErrorBody, description);

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** Provider and consumer calls: a client secret (HTTP Basic) or a private_key_jwt assertion. */
export const partySecurity: Record<string, string[]>[] = [{ partyClientSecret: [] }, { partyPrivateKeyJwt: [] }];
