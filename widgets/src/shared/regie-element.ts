import { LitElement } from 'lit';
import { WIDGETS_VERSION } from './define.js';
import { languageOf, type Language } from './language.js';

/**
 * Base of every regiekit element: version stamp for idempotent definition and
 * the language lookup. Re-renders when the element's own `lang` changes.
 */
export class RegieElement extends LitElement {
  static regiekitVersion = WIDGETS_VERSION;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected get language(): Language {
    return languageOf(this);
  }
}
