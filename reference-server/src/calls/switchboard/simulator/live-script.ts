/**
 * Keeps the simulator's call list current without a reload: the state of each
 * listed call is fetched every second and a second, and a changed one is
 * written into its row (the screen reader hears it through aria-live).
 */
export const SIMULATOR_SCRIPT = `
const list = document.getElementById('calls');
async function refresh() {
  try {
    const response = await fetch('/demo/switchboard/calls', { cache: 'no-store' });
    if (!response.ok) return;
    const { calls } = await response.json();
    for (const call of calls) {
      const row = list.querySelector('[data-call="' + call.switchboardCallId + '"]');
      const state = row && row.querySelector('.call-state');
      if (state && state.textContent !== call.description) {
        state.textContent = call.description;
        if (call.ended) row.querySelectorAll('form').forEach((form) => form.remove());
      }
    }
  } catch {}
}
setInterval(refresh, 1500);
`;
