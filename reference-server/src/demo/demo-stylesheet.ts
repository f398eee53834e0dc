/** Plain, readable styling for the server's own demo pages (wallet, simulator, landing). */
export const DEMO_STYLESHEET = `
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; background: #f7f7f5; }
main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid #d0d0d0; border-radius: 8px; }
h1 { font-size: 1.5rem; margin-top: 0; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input, select { font: inherit; min-height: 44px; padding: 0 0.5rem; border: 1px solid #555; border-radius: 4px; }
fieldset { border: 1px solid #bbb; border-radius: 4px; margin: 1rem 0; }
.choice { display: flex; gap: 0.5rem; align-items: center; min-height: 44px; }
.choice label { display: inline; margin: 0; font-weight: normal; }
button { font: inherit; min-height: 44px; min-width: 44px; padding: 0 1rem; margin: 1rem 0.5rem 0 0; border: 2px solid #00456e; border-radius: 4px; background: #00578a; color: #fff; cursor: pointer; }
button[value="cancel"] { background: #fff; color: #00456e; }
:focus-visible { outline: 3px solid #e17000; outline-offset: 2px; }
a { color: #00578a; }
.ok { border-left: 4px solid #2e7d32; padding-left: 0.75rem; }
.error { border-left: 4px solid #b00020; padding-left: 0.75rem; }
code { font-size: 1.1em; }
`;
