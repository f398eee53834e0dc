import type { OpenAPIHono } from '@hono/zod-openapi';
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

type SecurityScheme = Parameters<OpenAPIHono['openAPIRegistry']['registerComponent']>[2];

/** Describes how a wing's routes authenticate, beside the routes (the names are what their `security` cites). */
export function documentSecuritySchemes(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any wing's routes, whatever their context
  routes: OpenAPIHono<any>,
  schemes: Record<string, SecurityScheme>,
): void {
  for (const [name, scheme] of Object.entries(schemes))
    routes.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
}
