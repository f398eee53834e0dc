import { html, type TemplateResult } from 'lit';

/**
 * A wide table scrolls inside its own region, so a 320 px screen does not make
 * the whole page scroll sideways (WCAG 1.4.10). The region is focusable, so a
 * keyboard can scroll it, and is named by the table's caption.
 */
export function tableRegion(captionId: string, table: TemplateResult): TemplateResult {
  return html`<div class="table-region" role="region" aria-labelledby=${captionId} tabindex="0">${table}</div>`;
}
