import { css } from 'lit';

/**
 * Theming goes through `--regie-*` properties that fall back to NL Design
 * System tokens, then to neutral defaults with AA contrast.
 */
export const callButtonStyles = css`
  :host {
    --_regie-accent: var(--regie-accent-color, var(--nl-button-primary-background-color, #00578a));
    --_regie-accent-text: var(--regie-accent-text-color, var(--nl-button-primary-color, #ffffff));
    --_regie-text: var(--regie-text-color, var(--nl-document-color, #1a1a1a));
    --_regie-surface: var(--regie-surface-color, var(--nl-document-background-color, #ffffff));
    --_regie-focus: var(--regie-focus-color, var(--nl-focus-outline-color, #e17000));
    --_regie-radius: var(--regie-border-radius, 6px);
    --_regie-target: 44px;
    display: inline-block;
    font-family: var(--regie-font-family, var(--nl-document-font-family, inherit));
    color: var(--_regie-text);
  }
  button,
  a.action {
    box-sizing: border-box;
    min-height: var(--_regie-target);
    min-width: var(--_regie-target);
    padding: 0.5rem 1.25rem;
    font: inherit;
    font-weight: 600;
    border-radius: var(--_regie-radius);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    text-decoration: none;
  }
  .primary {
    background: var(--_regie-accent);
    color: var(--_regie-accent-text);
    border: 2px solid var(--_regie-accent);
  }
  .secondary {
    background: var(--_regie-surface);
    color: var(--_regie-accent);
    border: 2px solid var(--_regie-accent);
  }
  :focus-visible {
    outline: 3px solid var(--_regie-focus);
    outline-offset: 2px;
  }
  dialog {
    width: min(28rem, calc(100vw - 2rem));
    padding: 1.5rem;
    border: 1px solid #767676;
    border-radius: var(--_regie-radius);
    background: var(--_regie-surface);
    color: var(--_regie-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 1rem;
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  h2:focus {
    outline: none;
  }
  .close {
    background: transparent;
    color: var(--_regie-text);
    border: 2px solid transparent;
    padding: 0;
    font-size: 1.5rem;
    line-height: 1;
  }
  .qr {
    display: block;
    width: min(16rem, 70vw);
    height: auto;
    margin: 1rem auto;
    background: #ffffff;
    fill: #000000;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .code,
  .number {
    font-size: 1.5rem;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.05em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1rem;
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
