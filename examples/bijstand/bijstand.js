// Gemeente Nijmegen's page script: after a reload, <regie-data-fetch> shows again what the
// backend holds for this application (written as a JSON block, which the strict CSP allows).
const block = document.querySelector('#attached-data');
const element = document.querySelector('regie-data-fetch');
if (block && element) element.attached = JSON.parse(block.textContent);
