import { signedValueStyles } from '../signed-values.js';
import { css } from 'lit';
import { dialogStyles } from '../dialog.styles.js';
import { themeStyles } from '../theme.styles.js';

const accountPageOwnStyles = css`
  :host {
    display: block;
    max-width: 36rem;
  }
  h2 {
    margin: 0 0 1rem;
    font-size: 1.35rem;
  }
  h2:focus,
  h3:focus,
  .error:focus {
    outline: none;
  }
  h3 {
    margin: 1.5rem 0 0.5rem;
    font-size: 1.1rem;
  }
  .error {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_regie-danger);
    color: var(--_regie-danger);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1.5rem;
  }
  .confirmation-code {
    margin: 1rem 0;
    font-size: 2.5rem;
    font-weight: 700;
    font-family: ui-monospace, monospace;
    letter-spacing: 0.1em;
  }
  .items {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
  }
  .items li {
    padding: 0.75rem 0;
    border-bottom: 1px solid #d0d0d0;
  }
  .current {
    display: block;
  }
  .connection {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  .connection span {
    display: block;
  }
  .terms {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 1rem;
  }
  .terms dt {
    font-weight: 600;
  }
  .terms dd {
    margin: 0;
  }
  .sources {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .sources legend {
    padding: 0;
  }
  .sources p {
    margin: 0 0 0.5rem;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: var(--_regie-target);
    cursor: pointer;
  }
  .choice input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    flex: none;
    accent-color: var(--_regie-accent);
  }
  .field-error {
    color: var(--_regie-danger);
    font-weight: 600;
  }
`;

export const accountPageStyles = [themeStyles, dialogStyles, signedValueStyles, accountPageOwnStyles];
