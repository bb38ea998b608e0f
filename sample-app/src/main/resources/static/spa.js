// A backend-for-frontend client in plain JavaScript: JSON and status codes from the
// starter's endpoints, never a token in the browser. State-changing calls send the CSRF
// token from the XSRF-TOKEN cookie as the X-XSRF-TOKEN header.
(function () {
  const $ = (id) => document.getElementById(id);
  const json = { 'Accept': 'application/json' };

  function csrf() {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function post(path) {
    return fetch(path, { method: 'POST', headers: { ...json, 'X-XSRF-TOKEN': csrf() } });
  }

  function show(value) {
    $('spa-output').hidden = false;
    $('spa-output').textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }

  function time(epochSeconds) {
    return epochSeconds ? new Date(epochSeconds * 1000).toISOString() : 'never';
  }

  async function render() {
    const response = await fetch('/auth/user', { headers: json });
    const body = await response.json();
    if (response.status === 401) {
      // come back here after signing in
      const separator = body.loginUrl.includes('?') ? '&' : '?';
      $('spa-sign-in').href = body.loginUrl + separator + 'redirect=' + encodeURIComponent('/spa.html');
      $('signed-in').hidden = true;
      $('signed-out').hidden = false;
      return;
    }
    $('spa-name').textContent = body.name;
    $('spa-email').textContent = body.email || 'no email';
    $('spa-provider').textContent = body.provider;
    $('spa-token-expires').textContent = time(body.accessTokenExpiresAt);
    $('spa-session-expires').textContent = time(body.sessionExpiresAt);
    $('signed-out').hidden = true;
    $('signed-in').hidden = false;
    await renderSessions();
  }

  async function renderSessions() {
    const response = await fetch('/auth/sessions', { headers: json });
    if (!response.ok) {
      return;
    }
    const list = $('spa-sessions');
    list.replaceChildren();
    for (const session of (await response.json()).sessions) {
      const item = document.createElement('li');
      item.className = 'spa-session';
      item.textContent = (session.device || 'Unknown device') + ', last seen ' + time(session.lastSeenAt)
          + (session.current ? ' (this one)' : ' ');
      if (!session.current) {
        const end = document.createElement('button');
        end.type = 'button';
        end.textContent = 'Sign out';
        end.addEventListener('click', async () => {
          show(await (await post('/auth/sessions/' + encodeURIComponent(session.id) + '/end')).json());
          await renderSessions();
        });
        item.appendChild(end);
      }
      list.appendChild(item);
    }
  }

  $('spa-call-api').addEventListener('click', async () => {
    const response = await fetch('/api/me', { headers: json });
    show(await response.json());
  });
  $('spa-call-apis').addEventListener('click', async () => {
    const response = await fetch('/api/downstream', { headers: json });
    const body = await response.json();
    const panels = $('spa-apis');
    panels.replaceChildren();
    if (!response.ok) {
      show(body);
      return;
    }
    for (const [name, answer] of Object.entries(body)) {
      const panel = document.createElement('section');
      panel.className = 'card';
      panel.id = 'spa-api-' + name;
      const title = document.createElement('h3');
      title.textContent = name;
      const detail = document.createElement('pre');
      // textContent, never innerHTML: the answer is data, not markup
      detail.textContent = 'audience: ' + [].concat(answer.audience).join(', ')
        + '\ntoken: ' + answer.tokenEnds + '\n' + JSON.stringify(answer.data, null, 2);
      panel.append(title, detail);
      panels.appendChild(panel);
    }
  });
  $('spa-refresh').addEventListener('click', async () => {
    const response = await post('/auth/refresh');
    show(await response.json());
    await render();
  });
  $('spa-sign-out-others').addEventListener('click', async () => {
    show(await (await post('/auth/sessions/others/end')).json());
    await renderSessions();
  });
  $('spa-sign-out').addEventListener('click', async () => {
    const body = await (await post('/auth/logout')).json();
    if (body.logoutUrl) {
      // the provider ends its own session too, then sends the browser back
      window.location.assign(body.logoutUrl);
      return;
    }
    $('spa-output').hidden = true;
    await render();
  });
  render();
})();
