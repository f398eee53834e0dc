import { css } from 'lit';

export const arrangementStyles = css`
  :host {
    display: block;
    font: inherit;
    container-type: inline-size;
  }
  h2,
  h3 {
    margin: 0 0 0.5rem;
  }
  .cards {
    display: grid;
    gap: 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .card {
    border: 1px solid #8a8a8a;
    border-radius: var(--_regie-radius);
    padding: 0.75rem 1rem;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 0.75rem;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .amount {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .accepted-in-advance {
    color: #1f6b1f;
    font-weight: 600;
  }
  .not-within-room,
  .alert {
    color: var(--_regie-danger);
  }
  .alert {
    border-inline-start: 4px solid var(--_regie-danger);
    padding: 0.5rem 0.75rem;
  }
  .table-region {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    text-align: start;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid #8a8a8a;
    vertical-align: top;
  }
  details summary {
    min-height: var(--_regie-target);
    display: flex;
    align-items: center;
    cursor: pointer;
    color: var(--_regie-accent);
    font-weight: 600;
  }
  svg.qr {
    display: block;
    width: 12rem;
    max-width: 100%;
    height: auto;
    background: #fff;
  }
  svg.qr path {
    fill: #000;
  }
  svg.balance {
    display: block;
    width: 100%;
    height: 8rem;
  }
  svg.balance rect.paid {
    fill: var(--_regie-accent);
  }
  svg.balance rect.left {
    fill: #c8c8c8;
  }
  @container (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
    /* On a phone each instalment is a small card: its cells one below the other, each with its column's name. */
    table.schedule thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    table.schedule tr {
      display: block;
      border-bottom: 1px solid #8a8a8a;
      padding: 0.25rem 0;
    }
    table.schedule th,
    table.schedule td {
      display: block;
      border: 0;
      padding: 0.125rem 0.5rem;
    }
    table.schedule th::before,
    table.schedule td::before {
      content: attr(data-label) ': ';
      font-weight: 600;
    }
  }
`;
