// A "copy" button (`data-copy="<input id>"`): copies the input's text and says so on the button for a moment.
// Without this script the input is still there, read-only, to select and copy by hand.
for (const button of document.querySelectorAll('[data-copy]')) {
  const input = document.getElementById(button.dataset.copy);
  if (!input || !navigator.clipboard) continue;
  const label = button.textContent;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      button.textContent = button.dataset.copied || label;
    } catch {
      input.select();
    }
    setTimeout(() => {
      button.textContent = label;
    }, 2000);
  });
}
