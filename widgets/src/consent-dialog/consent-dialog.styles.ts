import { css } from 'lit';
import { dialogStyles } from '../shared/dialog.styles.js';
import { themeStyles } from '../shared/theme.styles.js';

const consentDialogOwnStyles = css`
  h2 {
    margin: 0 0 1rem;
    font-size: 1.25rem;
  }
  h2:focus {
    outline: none;
  }
  .status {
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1.5rem;
  }
`;

export const consentDialogStyles = [themeStyles, dialogStyles, consentDialogOwnStyles];
