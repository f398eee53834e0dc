import { css } from 'lit';

/** The native modal dialog, as every regiekit element that opens one draws it. */
export const dialogStyles = css`
  /*
   * Border-box, so padding and border stay inside the width: the dialog fits a
   * 320 px screen. Zoomed in (200 %, 400 %) it scrolls inside itself rather
   * than being cut off.
   */
  dialog {
    box-sizing: border-box;
    width: min(28rem, calc(100vw - 1rem));
    max-width: calc(100vw - 1rem);
    max-height: calc(100dvh - 1rem);
    overflow: auto;
    padding: min(1.5rem, 5vw);
    border: 1px solid #767676;
    border-radius: var(--_regie-radius);
    background: var(--_regie-surface);
    color: var(--_regie-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
`;
