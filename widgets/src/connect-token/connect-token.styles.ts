import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

const connectTokenOwnStyles = css`
  :host {
    display: block;
    max-width: 28rem;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.25rem;
  }
  h2:focus {
    outline: none;
  }
  /* A status line with a mark at its start, not a bordered box: a box with rounded corners reads as a button. */
  .status {
    margin: 0 0 1rem;
    padding: 0.125rem 0 0.125rem 0.75rem;
    border-left: 0.25rem solid currentColor;
    font-weight: 600;
  }
  .status:empty {
    display: none;
  }
  .qr {
    display: block;
    width: min(16rem, 70vw);
    height: auto;
    margin: 1rem 0;
    background: #ffffff;
    fill: #000000;
  }
  form {
    display: grid;
    gap: 0.5rem;
  }
  label {
    font-weight: 600;
  }
  input {
    box-sizing: border-box;
    min-height: var(--_regie-target);
    max-width: 12rem;
    padding: 0 0.5rem;
    font: inherit;
    font-size: 1.5rem;
    letter-spacing: 0.15em;
    text-transform: uppercase;
    border: 1px solid #595959;
    border-radius: 4px;
    background: var(--_regie-surface);
    color: var(--_regie-text);
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_regie-danger);
  }
  form button {
    justify-self: start;
  }
  .hint {
    margin: 0;
    font-size: 0.9rem;
  }
  .error {
    margin: 0;
    color: var(--_regie-danger);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1rem;
  }
`;

export const connectTokenStyles = [themeStyles, connectTokenOwnStyles];
