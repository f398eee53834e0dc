import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

const myDataOwnStyles = css`
  :host {
    display: block;
    max-width: 48rem;
    line-height: 1.5;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.375rem;
  }
  h3 {
    margin: 1.5rem 0 0.25rem;
    font-size: 1.125rem;
  }
  h3:focus {
    outline: none;
  }
  .alert:empty,
  .status:empty {
    display: none;
  }
  .alert {
    color: var(--_regie-danger);
    font-weight: 600;
  }
  .status {
    padding: 0.125rem 0 0.125rem 0.75rem;
    border-left: 0.25rem solid currentColor;
    font-weight: 600;
  }
  .category {
    border-top: 1px solid #8a8a8a;
    margin-top: 1rem;
  }
  .signed {
    margin: 0;
    font-size: 0.9rem;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
    gap: 0.25rem 1rem;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .qr {
    width: min(16rem, 100%);
    height: auto;
    background: #fff;
    border: 1px solid #8a8a8a;
  }
  .pin {
    font-size: 1.25rem;
    letter-spacing: 0.15em;
  }
  .table-region {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
  }
  th,
  td {
    border: 1px solid #8a8a8a;
    padding: 0.125rem 0.5rem;
    text-align: left;
  }
  details summary {
    min-height: var(--_regie-target);
    display: flex;
    align-items: center;
    gap: 0.5rem;
    cursor: pointer;
    font-weight: 600;
  }
  /* A flex summary loses its marker: draw one, so it reads as something that opens. */
  details summary::before {
    content: '▸';
  }
  details[open] summary::before {
    content: '▾';
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin: 0.75rem 0;
  }
  .panel {
    border: 2px solid var(--_regie-accent);
    border-radius: var(--_regie-radius);
    padding: 0 1rem 0.5rem;
    margin: 1rem 0;
  }
  form {
    display: grid;
    gap: 0.375rem;
  }
  label {
    font-weight: 600;
  }
  input:not([type]),
  select,
  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: var(--_regie-target);
    padding: 0.25rem 0.5rem;
    font: inherit;
    border: 1px solid #595959;
    border-radius: 4px;
    background: var(--_regie-surface);
    color: var(--_regie-text);
  }
  [aria-invalid='true'] {
    border: 2px solid var(--_regie-danger);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0.5rem 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    min-height: var(--_regie-target);
    padding: 0.25rem 0;
    font-weight: normal;
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    margin-top: 0.125rem;
    flex: none;
  }
  .hint {
    margin: 0;
    font-size: 0.9rem;
  }
  .field-error {
    margin: 0;
    color: var(--_regie-danger);
    font-weight: 600;
  }
  .corrections {
    padding-left: 1.25rem;
  }
  .corrections li {
    display: grid;
    margin-bottom: 0.5rem;
  }
  .state {
    font-weight: 600;
  }
  @container (max-width: 30rem) {
    dl {
      grid-template-columns: minmax(0, 1fr);
    }
    dd {
      margin-bottom: 0.5rem;
    }
  }
  :host {
    container-type: inline-size;
  }
`;

export const myDataStyles = [themeStyles, myDataOwnStyles];
