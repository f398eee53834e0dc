import { css } from 'lit';
import { themeStyles } from './theme.styles.js';

/** Neutral styling of the staff elements, on the shared theme tokens. */
const staffOwnStyles = css`
  :host {
    display: block;
    /* The tables' layout follows the element's own width (see the container query below). */
    container-type: inline-size;
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
  /*
   * On a narrow screen each row becomes a card: its header first, then every cell under the name of
   * its column, actions included, so nothing is off to the side. The tables keep their semantics
   * through explicit roles, which CSS display values cannot take away.
   */
  @container (max-width: 40rem) {
    table.cards,
    .cards caption,
    .cards tbody,
    .cards tr,
    .cards th,
    .cards td {
      display: block;
    }
    .cards thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .cards tr {
      padding-block: 0.5rem;
      border-bottom: 1px solid #d0d0d0;
    }
    .cards th,
    .cards td {
      border: 0;
      padding: 0.15rem 0;
    }
    .cards td[data-label]::before {
      content: attr(data-label) ': ';
      font-weight: 600;
    }
    .cards td:empty {
      display: none;
    }
  }
`;

export const staffStyles = [themeStyles, staffOwnStyles];
