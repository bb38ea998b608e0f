// The card's buttons talk to the starter's JSON endpoints; POSTs carry the CSRF token
// from the XSRF-TOKEN cookie, as any single-page app would.
(function () {
  const output = document.getElementById('output');
  const expires = document.getElementById('expires');
  const countdown = document.getElementById('countdown');
  if (!expires) {
    return;
  }
  function csrf() {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }
  function show(text) {
    output.hidden = false;
    output.textContent = text;
  }
  function tick() {
    const left = Math.round((Date.parse(expires.textContent) - Date.now()) / 1000);
    countdown.textContent = isNaN(left) ? '' : (left > 0 ? '(in ' + left + ' s)' : '(expired; refreshed on next use)');
  }
  setInterval(tick, 1000);
  tick();
  document.getElementById('refresh').addEventListener('click', async function () {
    const response = await fetch('/auth/refresh', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrf(), 'Accept': 'application/json' } });
    const body = await response.json();
    if (response.ok) {
      expires.textContent = new Date(body.accessTokenExpiresAt * 1000).toISOString();
      tick();
    }
    show(JSON.stringify(body, null, 2));
  });
  document.getElementById('call-api').addEventListener('click', async function () {
    const response = await fetch('/api/userinfo', { headers: { 'Accept': 'application/json' } });
    show(await response.text());
  });
})();
