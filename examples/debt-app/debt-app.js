// Demo Schuldhulp's page script: asks its own backend for a consent request and
// lets <regie-consent-dialog> take the user to regiekit's decision page. The
// outcome event says only accepted / rejected / cancelled; the page then reloads
// and the backend reads the consent's real state from the server.
const form = document.querySelector('form[data-consent]');
const dialog = document.querySelector('regie-consent-dialog');

form?.addEventListener('submit', async (event) => {
  if (!dialog || !customElements.get('regie-consent-dialog')) return; // no element: the form's own redirect flow
  event.preventDefault();
  const response = await fetch('/debt-app/api/consent', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) {
    form.submit(); // the server-side path reports the problem on the page
    return;
  }
  dialog.open(await response.json());
});

dialog?.addEventListener('regie-consent-outcome', () => location.reload());

// The payment plan: the backend wrote the plan input of the fetched debts as a
// JSON block; <regie-repayment-plan> plans in the browser. The monthly room is
// the person's own to change, and the plan follows it.
const planData = document.querySelector('#plan-input');
const plan = document.querySelector('regie-repayment-plan');
const roomForm = document.querySelector('#plan-room');

/** Euros as people type them ("150", "1.250", "87,50") to whole cents; anything else is NaN, which the element names. */
function cents(text) {
  let value = text.replace(/[€\s]/g, '');
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, '');
  return /^\d+(\.\d{1,2})?$/.test(value) ? Math.round(Number(value) * 100) : Number.NaN;
}

if (planData && plan && roomForm) {
  const input = JSON.parse(planData.textContent);
  plan.input = input;
  roomForm.hidden = false;
  roomForm.addEventListener('submit', (event) => {
    event.preventDefault();
    plan.input = { ...input, monthlyRoomCents: cents(roomForm.elements.room.value) };
  });
}

// Payment arrangements: the backend wrote the proposals and each arrangement as
// JSON blocks. Asking opens regiekit's page beside this one, where the person
// confirms with their passkey; when that window closes the page reloads and the
// backend reads the arrangement's real state from the server.
for (const element of document.querySelectorAll('regie-arrangement[data-source]')) {
  const data = JSON.parse(document.getElementById(element.dataset.source).textContent);
  if (element.dataset.kind === 'proposals') element.proposals = data;
  else element.arrangement = data;
}

document.addEventListener('regie-arrangement-request', async (event) => {
  const response = await fetch('/debt-app/api/arrangement', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ providerId: event.arrangement.debtIds[0] }),
  });
  if (!response.ok) {
    location.reload(); // the backend put the reason on the page
    return;
  }
  const { startUrl } = await response.json();
  decideBeside(startUrl);
});

/** Regiekit's decision page beside this one; when it closes, the page shows what changed. */
function decideBeside(url) {
  const popup = window.open(url, 'regie-arrangement', 'popup,width=560,height=760');
  if (!popup) {
    location.assign(url);
    return;
  }
  const timer = setInterval(() => {
    if (popup.closed) {
      clearInterval(timer);
      location.reload();
    }
  }, 400);
}

// A counter-proposal's link in the element opens the same decision page beside this one.
document.addEventListener('click', (event) => {
  const link = event.composedPath()[0];
  if (!(link instanceof HTMLAnchorElement) || link.target !== 'regie-arrangement') return;
  event.preventDefault();
  decideBeside(link.href);
});

// After a missed instalment: plan again with what the person can pay now.
document.addEventListener('regie-arrangement-replan', () => {
  document.querySelector('#room')?.focus();
});
