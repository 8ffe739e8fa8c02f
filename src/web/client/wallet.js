// Withdrawal form: show only the detail fields of the chosen method. Without this script every field shows.
const form = document.getElementById('withdraw-form');
const select = form?.querySelector('select[name="method"]');
if (form && select) {
  const update = () => {
    for (const el of form.querySelectorAll('[data-for]')) {
      el.hidden = !el.dataset.for.split(' ').includes(select.value);
    }
  };
  select.addEventListener('change', update);
  update();
}
