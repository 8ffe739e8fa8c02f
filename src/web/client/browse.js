// Service page: the total follows the add-ons and quantity as they change, and a thumbnail shows its image in
// place. Without this script the "update total" button recomputes the total on the server and thumbnails open
// the full image.
const form = document.querySelector('[data-order-form]');
if (form) {
  const out = form.querySelector('[data-total]');
  // Written as the server writes it (platform/i18n formatMoney): "$35", "$12.50", cents only when not whole, isolated.
  const locale = out?.dataset.locale || document.documentElement.lang;
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const cents2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const money = (cents) => `\u2066$${(cents % 100 === 0 ? whole : cents2).format(cents / 100)}\u2069`;
  const update = () => {
    let cents = Number(form.dataset.priceCents) || 0;
    for (const box of form.querySelectorAll('input[name="addon"]:checked')) cents += Number(box.dataset.cents) || 0;
    const qty = Number(form.querySelector('select[name="qty"]')?.value) || 1;
    if (out) {
      const bdi = document.createElement('bdi');
      bdi.dir = 'ltr';
      bdi.textContent = money(cents * qty);
      out.replaceChildren(bdi);
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
