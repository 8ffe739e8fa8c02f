// Service form: shows one empty add-on row at a time behind an "add another" button, and stops a second submit while
// images upload. Without this script every empty row shows and the form works the same.
const form = document.getElementById('service-form');
const box = form?.querySelector('[data-addons]');
if (form && box) {
  const empties = [...box.querySelectorAll('[data-addon-row="empty"]')];
  const hasFilled = box.querySelector('[data-addon-row="filled"]') !== null;
  // With no add-on yet, one empty row invites the first; otherwise the rows wait behind the button.
  const hidden = empties.slice(hasFilled ? 0 : 1);
  for (const row of hidden) row.hidden = true;
  if (hidden.length) {
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'btn btn-sm btn-outline self-start';
    more.textContent = box.dataset.moreLabel ?? '+';
    more.addEventListener('click', () => {
      const next = hidden.shift();
      if (next) {
        next.hidden = false;
        next.querySelector('input')?.focus();
      }
      if (!hidden.length) more.remove();
    });
    box.after(more);
  }
  let sent = false;
  form.addEventListener('submit', (e) => {
    if (sent) e.preventDefault();
    sent = true;
  });
  // Coming back to the page (the back button) makes it sendable again.
  window.addEventListener('pageshow', () => {
    sent = false;
  });
}
