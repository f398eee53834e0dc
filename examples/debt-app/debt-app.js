// Demo Schuldhulp's page script: asks its own backend for a consent request and
// lets <regie-consent-dialog> take the user to regiekit's decision page. The
// outcome event says only accepted / rejected / cancelled; the page then reloads
// and the backend reads the consent's real state from the server.
const form = document.querySelector('form[data-consent]');
const dialog = document.querySelector('regie-consent-dialog');

form?.addEventListener('submit', async (event) => {
  if (!dialog || !customElements.get('regie-consent-dialog')) return; // no element: the form's own redirect flow
  event.preventDefault();
  const response = await fetch('/debt-app/api/consent', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  if (!response.ok) {
    form.submit(); // the server-side path reports the problem on the page
    return;
  }
  dialog.open(await response.json());
});

dialog?.addEventListener('regie-consent-outcome', () => location.reload());
