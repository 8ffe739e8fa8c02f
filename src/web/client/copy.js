// A "copy" button (`data-copy="<input id>"`): copies the input's text and says so on the button for a moment; where
// the browser gives no clipboard (a page not served over HTTPS) it selects the text to copy by hand. Without this
// script the input is still there, read-only, to select and copy.
for (const button of document.querySelectorAll('[data-copy]')) {
  const input = document.getElementById(button.dataset.copy);
  if (!input) continue;
  const label = button.textContent;
  button.addEventListener('click', async () => {
    input.select();
    if (!navigator.clipboard) return;
    try {
      await navigator.clipboard.writeText(input.value);
      button.textContent = button.dataset.copied || label;
      setTimeout(() => {
        button.textContent = label;
      }, 2000);
    } catch {
      // Refused (permissions): the text stays selected.
    }
  });
}
