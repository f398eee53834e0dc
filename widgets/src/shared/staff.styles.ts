import { css } from 'lit';
import { themeStyles } from './theme.styles.js';

/** Neutral styling of the staff elements, on the shared theme tokens. */
const staffOwnStyles = css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: 0.75rem;
    max-width: 24rem;
  }
  label {
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    min-height: 44px;
    padding: 0 0.5rem;
    border: 1px solid #595959;
    border-radius: 4px;
    background: var(--_regie-surface);
    color: var(--_regie-text);
  }
  .hint {
    font-size: 0.9rem;
    margin: 0;
  }
  .error {
    color: var(--_regie-danger);
    font-weight: 600;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 1rem;
    margin-bottom: 1rem;
  }
  /* Positioned, so the visually hidden labels inside scroll with the table instead of widening the page. */
  .table-region {
    position: relative;
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--_regie-surface);
  }
  caption {
    text-align: start;
    font-weight: 700;
    font-size: 1.1rem;
    padding: 0.5rem 0;
  }
  th,
  td {
    text-align: start;
    padding: 0.5rem;
    border-bottom: 1px solid #d0d0d0;
    vertical-align: middle;
  }
  td .cell-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;

export const staffStyles = [themeStyles, staffOwnStyles];
