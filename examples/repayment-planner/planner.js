// The repayment planner example's page script: a form of debts, and on submit a
// PlanInput for <regie-repayment-plan>, which makes the plan in the browser.
// Nothing is sent anywhere. Checking the input is the element's job: what the
// planner refuses it names in an alert, with the debt's place and creditor.

const form = document.querySelector('#plan-form');
const list = document.querySelector('#debt-list');
const rowTemplate = document.querySelector('#debt-row');
const listStatus = document.querySelector('#list-status');
const planElement = document.querySelector('regie-repayment-plan');
const planHeading = document.querySelector('#plan-heading');

/** A day as YYYY-MM-DD, in the person's own time zone. */
const isoDay = (date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const today = new Date();
const daysFromToday = (days) => isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() + days));

// The plan starts next month: this month's money is usually spent already.
const start = new Date(today.getFullYear(), today.getMonth() + 1, 1);
const startMonth = isoDay(start).slice(0, 7);
document.querySelector('#start-note').textContent =
  `Het plan begint in ${new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric' }).format(start)}.`;

/**
 * A household in debt as debt counsellors meet it, dated from today so the
 * example stays current: a traffic fine whose deadline is near, a tax
 * assessment, two months of health premium, an energy bill after its 14-day
 * letter, four months of rent arrears under a payment arrangement (the home
 * at risk), and a consumer credit that has been with a collection agency for
 * months.
 */
const EXAMPLE = [
  { creditor: 'CJIB', kind: 'cjib', amount: '239', due: daysFromToday(14) },
  { creditor: 'Belastingdienst', kind: 'tax', amount: '840', due: daysFromToday(-120) },
  {
    creditor: 'Zorgverzekeraar Midden',
    kind: 'health-insurer',
    amount: '313,50',
    due: daysFromToday(-60),
    arrears: '2',
  },
  {
    creditor: 'Energiebedrijf Noord',
    kind: 'energy',
    amount: '611,50',
    due: daysFromToday(-60),
    letter: daysFromToday(-10),
  },
  {
    creditor: 'Woonstichting De Linie',
    kind: 'rent',
    amount: '1.420',
    due: daysFromToday(-85),
    minimum: '50',
    arrears: '4',
  },
  {
    creditor: 'Krediet BV',
    kind: 'consumer-credit',
    amount: '3.200',
    due: daysFromToday(-180),
    letter: daysFromToday(-155),
    minimum: '40',
  },
];

let nextKey = 1;
const rows = () => [...list.querySelectorAll('li.debt')];
const field = (row, name) => row.querySelector(`[data-field="${name}"]`);

/** The question about months unpaid, for the kinds where the planner uses it. */
const ARREARS_LABEL = {
  'health-insurer': 'Aantal maanden premie niet betaald',
  rent: 'Aantal maanden huur niet betaald',
};

/** Only what applies to this kind and answer is shown: the months unpaid for a health insurer or rent, the letter's date once it came. */
function showWhatApplies(row) {
  const label = ARREARS_LABEL[field(row, 'kind').value];
  row.querySelector('[data-arrears]').hidden = !label;
  if (label) row.querySelector('label[data-for="arrears"]').textContent = label;
  row.querySelector('[data-letter-date]').hidden = !field(row, 'letter').checked;
}

/** Row numbers follow the list, so the element's alert ("Schuld 3 …") points at the right row. */
function renumber() {
  rows().forEach((row, index) => {
    for (const number of row.querySelectorAll('[data-number]')) number.textContent = String(index + 1);
  });
}

function addRow(debt = { kind: 'other' }) {
  const row = rowTemplate.content.firstElementChild.cloneNode(true);
  const key = nextKey++;
  row.dataset.key = String(key);
  // Each field gets its own id, and its label and hint point at it.
  for (const input of row.querySelectorAll('[data-field]')) input.id = `debt-${key}-${input.dataset.field}`;
  for (const label of row.querySelectorAll('label[data-for]')) label.htmlFor = `debt-${key}-${label.dataset.for}`;
  for (const hint of row.querySelectorAll('[data-hint]')) {
    hint.id = `debt-${key}-${hint.dataset.hint}-hint`;
    field(row, hint.dataset.hint).setAttribute('aria-describedby', hint.id);
  }
  field(row, 'creditor').value = debt.creditor ?? '';
  field(row, 'kind').value = debt.kind;
  field(row, 'amount').value = debt.amount ?? '';
  field(row, 'due').value = debt.due ?? '';
  field(row, 'arrears').value = debt.arrears ?? '';
  field(row, 'minimum').value = debt.minimum ?? '';
  field(row, 'letter').checked = Boolean(debt.letter);
  field(row, 'letterDate').value = debt.letter ?? '';
  showWhatApplies(row);
  list.append(row);
  renumber();
  return row;
}

list.addEventListener('change', (event) => {
  const row = event.target.closest('li.debt');
  if (!row) return;
  // A letter that just came: today is the likeliest day, and the person can correct it.
  if (event.target.dataset.field === 'letter' && event.target.checked && !field(row, 'letterDate').value)
    field(row, 'letterDate').value = isoDay(today);
  showWhatApplies(row);
});

list.addEventListener('click', (event) => {
  const button = event.target.closest('button.remove');
  if (!button) return;
  const row = button.closest('li.debt');
  const index = rows().indexOf(row);
  const name = field(row, 'creditor').value.trim();
  row.remove();
  renumber();
  // Focus stays in the list: on the row that took this one's place, else on "Schuld toevoegen".
  const next = rows()[index] ?? rows()[index - 1];
  (next ? field(next, 'creditor') : document.querySelector('#add-debt')).focus();
  listStatus.textContent = name ? `Schuld ${index + 1} (${name}) is verwijderd.` : `Schuld ${index + 1} is verwijderd.`;
});

document.querySelector('#add-debt').addEventListener('click', () => {
  const row = addRow();
  field(row, 'creditor').focus();
  listStatus.textContent = `Schuld ${rows().length} is toegevoegd.`;
});

/**
 * Euros as people type them: "1.420", "313,50", "€ 40" or "1420.5", to whole
 * cents. Anything else is NaN, and the element says which debt it is.
 */
function cents(text) {
  let value = text.replace(/[€\s]/g, '');
  if (value === '') return Number.NaN;
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, '');
  return /^\d+(\.\d{1,2})?$/.test(value) ? Math.round(Number(value) * 100) : Number.NaN;
}

function planInput() {
  const debts = rows().map((row, index) => {
    const kind = field(row, 'kind').value;
    const minimum = field(row, 'minimum').value.trim();
    const arrears = field(row, 'arrears').value.trim();
    return {
      id: `debt-${row.dataset.key}`,
      creditor: field(row, 'creditor').value.trim() || `Schuld ${index + 1}`,
      kind,
      principalCents: cents(field(row, 'amount').value),
      dueDate: field(row, 'due').value,
      letterReceivedOn: field(row, 'letter').checked ? field(row, 'letterDate').value || isoDay(today) : null,
      ...(minimum && { minimumPaymentCents: cents(minimum) }),
      ...(kind in ARREARS_LABEL && arrears && { monthsInArrears: Number(arrears) }),
    };
  });
  return {
    debts,
    monthlyRoomCents: cents(document.querySelector('#room').value),
    startMonth,
    horizonMonths: Number(form.elements.horizon.value),
  };
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  // A new object each time: the element plans again for every new input.
  planElement.input = planInput();
  // The plan (or what is wrong) is below the form: take the person there.
  planHeading.focus();
});

for (const debt of EXAMPLE) addRow(debt);
