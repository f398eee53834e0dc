import { css } from 'lit';
import { signedValueStyles } from '../shared/signed-values.js';
import { themeStyles } from '../shared/theme.styles.js';

const dataFetchOwnStyles = css`
  :host {
    display: block;
    max-width: 48rem;
    line-height: 1.5;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  /* Both choices look the same: the same size, the same weight, neither chosen beforehand. */
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    margin: 0.5rem 0;
    min-height: var(--_regie-target);
  }
  .choice input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0.125rem 0 0;
    flex: none;
  }
  .choice label {
    font-weight: 600;
  }
  .hint {
    display: block;
    font-weight: 400;
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
  .attached {
    border: 2px solid var(--_regie-accent);
    border-radius: var(--_regie-radius);
    padding: 0.5rem 0.75rem;
    margin-top: 0.75rem;
  }
  .attached h3 {
    margin: 0;
    font-size: 1.0625rem;
  }
  .attached h3:focus {
    outline: none;
  }
  .digest {
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }
`;

export const dataFetchStyles = [themeStyles, signedValueStyles, dataFetchOwnStyles];
