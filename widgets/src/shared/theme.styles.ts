import { css } from 'lit';

/**
 * The design tokens every regiekit element uses. Theming goes through
 * `--regie-*` properties that fall back to NL Design System tokens, then to
 * neutral defaults with AA contrast. Also the controls, the focus ring
 * and the screen-reader-only text that every element needs.
 */
export const themeStyles = css`
  :host {
    --_regie-accent: var(--regie-accent-color, var(--nl-button-primary-background-color, #00578a));
    --_regie-accent-text: var(--regie-accent-text-color, var(--nl-button-primary-color, #ffffff));
    --_regie-text: var(--regie-text-color, var(--nl-document-color, #1a1a1a));
    --_regie-surface: var(--regie-surface-color, var(--nl-document-background-color, #ffffff));
    --_regie-focus: var(--regie-focus-color, var(--nl-focus-outline-color, #e17000));
    --_regie-danger: var(--regie-danger-color, #b00020);
    --_regie-radius: var(--regie-border-radius, 6px);
    --_regie-target: 44px;
    font-family: var(--regie-font-family, var(--nl-document-font-family, inherit));
    color: var(--_regie-text);
  }
  :focus-visible {
    outline: 3px solid var(--_regie-focus);
    outline-offset: 2px;
  }
  /* Controls: filled by default, .secondary outlined, .danger for what deletes. */
  button,
  a.action {
    box-sizing: border-box;
    min-height: var(--_regie-target);
    min-width: var(--_regie-target);
    padding: 0.5rem 1.25rem;
    font: inherit;
    font-weight: 600;
    border-radius: var(--_regie-radius);
    border: 2px solid var(--_regie-accent);
    background: var(--_regie-accent);
    color: var(--_regie-accent-text);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    text-decoration: none;
  }
  .secondary {
    background: var(--_regie-surface);
    color: var(--_regie-accent);
  }
  .danger {
    background: var(--_regie-surface);
    color: var(--_regie-danger);
    border-color: var(--_regie-danger);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
