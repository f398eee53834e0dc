import { LitElement } from 'lit';
import { WIDGETS_VERSION } from '../version.js';
import { languageOf, type Language } from './language.js';
import { observeLanguageChanges } from './language-observer.js';

/**
 * Base of every regiekit element: version stamp for idempotent definition and
 * the language lookup. Re-renders when its own `lang` or an ancestor's changes.
 */
export class RegieElement extends LitElement {
  static regiekitVersion = WIDGETS_VERSION;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  private stopObservingLanguage: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopObservingLanguage = observeLanguageChanges(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopObservingLanguage?.();
    this.stopObservingLanguage = undefined;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected get language(): Language {
    return languageOf(this);
  }
}
