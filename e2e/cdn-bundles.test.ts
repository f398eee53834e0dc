import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CDN = fileURLToPath(new URL('../widgets/dist/cdn/', import.meta.url));

describe('the CDN bundles', () => {
  it('carry the repayment planner but never the exact solver (HiGHS stays a server-side and development tool)', () => {
    const scripts = readdirSync(CDN).filter((file) => file.endsWith('.js'));
    expect(scripts).toContain('regie-repayment-plan.js');
    expect(readFileSync(join(CDN, 'regie-repayment-plan.js'), 'utf8')).toContain('regie-repayment-plan');
    for (const file of scripts) {
      const code = readFileSync(join(CDN, file), 'utf8');
      expect(code, file).not.toMatch(/HiGHS|highs\.wasm|Highs_create/);
    }
  });
});
