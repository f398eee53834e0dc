import { css } from 'lit';
import { dialogStyles } from '../shared/dialog.styles.js';
import { themeStyles } from '../shared/theme.styles.js';

const callButtonOwnStyles = css`
  :host {
    display: inline-block;
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
  /* Label above value: at 320 px (or 400 % zoom) a label column leaves the number no room. */
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0 0 0.75rem;
  }
  .group {
    white-space: nowrap;
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
`;

export const callButtonStyles = [themeStyles, dialogStyles, callButtonOwnStyles];
