import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo configuration that ships with the server (two tenants, demo IRMA server, demo parties). */
export const DEMO_CONFIG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../config/demo.json');
