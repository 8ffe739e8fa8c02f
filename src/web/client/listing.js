// Lists that update in place (services, projects): the search box already asks as it is typed (htmx `input
// changed`), so the `change` it fires on leaving it is not passed to the form. Otherwise tapping a result right
// after typing would send the same search again, and its address update (pushState) would cancel the tap's
// navigation. Filters (selects, boxes, numbers) still update the list on change.
document.addEventListener(
  'change',
  (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.name === 'q' && t.form?.hasAttribute('hx-get')) e.stopPropagation();
  },
  true,
);
