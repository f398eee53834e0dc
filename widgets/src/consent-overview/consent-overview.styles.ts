import { css } from 'lit';
import { accountPageStyles } from '../shared/account/account.styles.js';

const consentOverviewOwnStyles = css`
  h4 {
    margin: 0 0 0.5rem;
    font-size: 1.05rem;
  }
  .consents {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .consent {
    padding: 1rem 0;
    border-bottom: 1px solid #d0d0d0;
  }
  .consent p {
    margin: 0 0 0.5rem;
  }
  .consent .actions {
    margin-top: 0.75rem;
  }
  .state {
    font-weight: 600;
  }
  .uses {
    width: 100%;
    border-collapse: collapse;
    margin: 0.5rem 0;
  }
  .uses caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  .uses th,
  .uses td {
    padding: 0.375rem 0.5rem 0.375rem 0;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid #d0d0d0;
    overflow-wrap: anywhere;
  }
  summary {
    box-sizing: border-box;
    min-height: var(--_regie-target);
    padding: 0.625rem 0;
    font-weight: 600;
    color: var(--_regie-accent);
    cursor: pointer;
  }
`;

export const consentOverviewStyles = [...accountPageStyles, consentOverviewOwnStyles];
