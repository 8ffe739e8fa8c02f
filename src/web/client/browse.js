// Service page: the total follows the add-ons and quantity as they change, and a thumbnail shows its image in
// place. Without this script the "update total" button recomputes the total on the server and thumbnails open
// the full image.
const form = document.querySelector('[data-order-form]');
if (form) {
  const out = form.querySelector('[data-total]');
  const money = new Intl.NumberFormat(out?.dataset.locale || document.documentElement.lang, { style: 'currency', currency: 'USD' });
  const update = () => {
    let cents = Number(form.dataset.priceCents) || 0;
    for (const box of form.querySelectorAll('input[name="addon"]:checked')) cents += Number(box.dataset.cents) || 0;
    const qty = Number(form.querySelector('select[name="qty"]')?.value) || 1;
    if (out) {
      const span = document.createElement('span');
      span.dir = 'ltr';
      span.textContent = money.format((cents * qty) / 100);
      out.replaceChildren(span);
    }
  };
  form.addEventListener('change', update);
  form.querySelector('[data-update-total]')?.setAttribute('hidden', '');
  update();
}

const gallery = document.querySelector('[data-gallery]');
const main = gallery?.querySelector('[data-gallery-main]');
const mainImg = main?.querySelector('img');
if (gallery && main && mainImg) {
  gallery.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[data-full]') : null;
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    mainImg.src = a.dataset.full;
    mainImg.alt = a.dataset.alt || '';
    main.href = a.dataset.full;
    for (const other of gallery.querySelectorAll('a[data-full]')) other.removeAttribute('aria-current');
    a.setAttribute('aria-current', 'true');
  });
}
