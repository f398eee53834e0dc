import { css } from 'lit';

/** The native modal dialog, as every regiekit element that opens one draws it. */
export const dialogStyles = css`
  dialog {
    width: min(28rem, calc(100vw - 2rem));
    padding: 1.5rem;
    border: 1px solid #767676;
    border-radius: var(--_regie-radius);
    background: var(--_regie-surface);
    color: var(--_regie-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
`;
