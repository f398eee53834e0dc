import { css } from 'lit';
import { dialogStyles } from '../shared/dialog.styles.js';
import { themeStyles } from '../shared/theme.styles.js';

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
`;

export const accountPageStyles = [themeStyles, dialogStyles, accountPageOwnStyles];
