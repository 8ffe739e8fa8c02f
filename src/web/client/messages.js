// A conversation page: new messages appear without reloading, read receipts update, and the box sends
// without leaving the page. Without this script the form posts and the page reloads; nothing is lost.
(() => {
  const thread = document.getElementById('thread');
  if (!thread) return;
  const id = thread.dataset.conversation;
  const me = thread.dataset.me;
  const prefix = document.documentElement.lang === 'en' ? '/en' : '';
  const form = document.getElementById('composer');
  const csrf = form?.querySelector('input[name="_csrf"]')?.value ?? document.querySelector('input[name="_csrf"]')?.value;
  let fetching = null;

  const markRead = () =>
    fetch(`${prefix}/messages/${id}/read`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(csrf ?? '')}`,
    }).catch(() => {});

  const catchUp = async () => {
    if (fetching) return fetching;
    fetching = (async () => {
      const res = await fetch(`${prefix}/messages/${id}/after/${thread.dataset.last || 0}`, { headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const tpl = document.createElement('template');
      tpl.innerHTML = await res.text();
      let theirs = false;
      for (const li of tpl.content.querySelectorAll('li[data-id]')) {
        if (document.getElementById(li.id)) continue;
        thread.append(li);
        thread.dataset.last = li.dataset.id;
        if (!li.dataset.mine) theirs = true;
      }
      thread.lastElementChild?.scrollIntoView({ block: 'end' });
      if (theirs && document.visibilityState === 'visible') markRead();
    })().finally(() => {
      fetching = null;
    });
    return fetching;
  };

  document.addEventListener('kafiil:message', (e) => {
    if (String(e.detail.conversationId) === id) catchUp();
  });
  document.addEventListener('kafiil:read', (e) => {
    const d = e.detail;
    if (String(d.conversationId) !== id || String(d.userId) === me) return;
    for (const li of thread.querySelectorAll('li[data-mine]')) {
      if (Number(li.dataset.id) <= d.lastReadMessageId) {
        const r = li.querySelector('[data-receipt]');
        if (r && r.dataset.receipt !== 'seen') {
          r.dataset.receipt = 'seen';
          r.textContent = thread.dataset.seenLabel || r.textContent;
        }
      }
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') markRead();
  });

  if (form) {
    form.addEventListener('submit', async (e) => {
      const box = form.querySelector('textarea[name="body"]');
      const filesInput = form.querySelector('input[type="file"]');
      if (!window.fetch || !box) return;
      e.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        const res = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'x-requested-with': 'fetch' } });
        if (res.status === 204) {
          box.value = '';
          if (filesInput) filesInput.value = '';
          form.querySelector('[data-testid="error-body"]')?.remove();
          await catchUp();
        } else {
          // A refusal: show the page the server rendered (the text typed is kept in it).
          document.open();
          document.write(await res.text());
          document.close();
        }
      } catch {
        form.submit();
      } finally {
        button.disabled = false;
      }
    });
  }
  thread.lastElementChild?.scrollIntoView({ block: 'end' });
})();
