// Live updates for signed-in pages: one server-sent events stream keeps the header's unread counts fresh
// and hands each event to the page (as a `kafiil:<type>` event on document). Without it, counts show on reload.
(() => {
  if (!window.EventSource) return;
  const prefix = document.documentElement.lang === 'en' ? '/en' : '';
  const setBadge = (name, n) => {
    if (typeof n !== 'number') return;
    for (const el of document.querySelectorAll(`[data-badge="${name}"]`)) {
      el.textContent = n > 99 ? '99+' : String(n);
      el.classList.toggle('hidden', n === 0);
    }
  };
  const es = new EventSource(`${prefix}/live`);
  const on = (type, fn) =>
    es.addEventListener(type, (e) => {
      let data;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      fn(data);
      document.dispatchEvent(new CustomEvent(`kafiil:${type}`, { detail: data }));
    });
  on('hello', (d) => {
    setBadge('messages', d.unreadConversations);
    setBadge('notifications', d.unreadNotifications);
  });
  on('notification', (d) => setBadge('notifications', d.unread));
  on('message', (d) => setBadge('messages', d.unreadConversations));
  on('read', (d) => setBadge('messages', d.unreadConversations));
  // An order moved (accepted, delivered, completed…): its open page reloads (order.js).
  on('order', () => {});
  window.addEventListener('pagehide', () => es.close());
})();
