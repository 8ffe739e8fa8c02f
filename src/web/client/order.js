// An order page: the countdown ticks, and the page reloads when the order changes (a live `order` event),
// unless the person is typing in one of its forms or has chosen stars in the review. Without this script the page
// shows the state at load.
(() => {
  const id = location.pathname.match(/\/orders\/(\d+)/)?.[1];
  // The time left is rendered by the server in the page's language; past the deadline it turns "late".
  const tick = () => {
    for (const el of document.querySelectorAll('[data-countdown]')) {
      if (Date.parse(el.dataset.countdown) <= Date.now()) el.textContent = el.dataset.lateLabel;
    }
  };
  setInterval(tick, 60_000);
  // Typing: a text written, or stars chosen in the review form, that a reload would lose.
  const typing = () =>
    [...document.querySelectorAll('textarea')].some((t) => t.value.trim() !== '') ||
    document.querySelector('form input[type="radio"]:checked') !== null;
  // What the page shows already (the history's last line, the thread's messages) is no reason to reload: the page
  // that made the change came back with it, and its one-time notice would be lost.
  const shownEvent = Number(document.querySelector('[data-last-event]')?.dataset.lastEvent ?? 0);
  document.addEventListener('kafiil:order', (e) => {
    if (String(e.detail.orderId) !== id) return;
    if (e.detail.eventId && Number(e.detail.eventId) <= shownEvent) return;
    if (!typing()) location.reload();
  });
  const thread = document.getElementById('order-thread');
  document.addEventListener('kafiil:message', (e) => {
    if (!thread || String(e.detail.conversationId) !== thread.dataset.conversation) return;
    if (document.getElementById(`m-${e.detail.messageId}`)) return;
    if (!typing()) location.reload();
  });
})();
