// The Chorus admin console: a page over the admin API (/api/admin, docs/REST.md). Plain modules,
// no build step. Every value from the server is put on the page with textContent, never as HTML.

const REFRESH_MS = 2000;
const state = { token: sessionStorage.getItem('chorus.admin.token'), previous: null, timer: null, selected: null };

const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const response = await fetch('/api' + path, {
    method,
    headers: { 'Authorization': 'Bearer ' + state.token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) {
    signOut('Your session has ended; please sign in again.');
    throw new Error('signed out');
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
  }
  return data;
}

function toast(text, bad = false) {
  const box = $('toast');
  box.textContent = text;
  box.className = bad ? 'bad' : '';
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function button(label, action, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (className) b.className = className;
  b.addEventListener('click', action);
  return b;
}

function time(ms) {
  return ms ? new Date(ms).toLocaleString() : '–';
}

// ---------------------------------------------------------------- sign in

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  $('login-error').hidden = true;
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account: form.account.value, password: form.password.value, did: 'admin-console', dname: 'Admin console' }),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    showLoginError(data.detail || data.title || 'Sign-in failed');
    return;
  }
  if (await admitted(data.token, form.account.value)) {
    form.reset();
    start();
  }
}

// Only an administrator gets the figures; anyone else is sent back to the sign-in form.
async function admitted(token, account) {
  const check = await fetch('/api/admin/figures', { headers: { 'Authorization': 'Bearer ' + token } });
  if (!check.ok) {
    showLoginError('This account is not an administrator.');
    return false;
  }
  state.token = token;
  sessionStorage.setItem('chorus.admin.token', token);
  sessionStorage.setItem('chorus.admin.account', account);
  return true;
}

// Company sign-in (docs/SSO.md): the button when the server has it, the password form unless it is
// switched off; the server's callback hands over the token (or the reason) in the URL fragment,
// which is removed from the address at once.
async function companySignIn() {
  const info = await fetch('/api/auth/sso').then((r) => (r.ok ? r.json() : null)).catch(() => null);
  if (info && info.enabled) {
    $('sso').hidden = false;
    if (!info.passwordLogin) {
      $('password-login').hidden = true;
      $('password-login').querySelectorAll('input').forEach((input) => { input.required = false; });
    }
  }
  const answer = new URLSearchParams(location.hash.slice(1));
  if (!answer.has('sso_token') && !answer.has('sso_error')) return false;
  history.replaceState(null, '', location.pathname);
  if (answer.has('sso_error')) {
    showLoginError(answer.get('sso_error'));
    return false;
  }
  return admitted(answer.get('sso_token'), answer.get('sso_account') || '');
}

function showLoginError(text) {
  $('login-error').textContent = text;
  $('login-error').hidden = false;
}

function signOut(message) {
  state.token = null;
  sessionStorage.removeItem('chorus.admin.token');
  clearInterval(state.timer);
  $('console-view').hidden = true;
  $('who').hidden = true;
  $('login-view').hidden = false;
  if (message) showLoginError(message);
}

// ---------------------------------------------------------------- dashboard

async function refresh() {
  let figures;
  try {
    figures = await api('GET', '/admin/figures');
  } catch (e) {
    $('updated').textContent = 'not updated: ' + e.message;
    return;
  }
  const previous = state.previous;
  const seconds = previous ? (figures.at - previous.at) / 1000 : 0;
  const rate = (now, before) => (seconds > 0 && now >= before ? ((now - before) / seconds).toFixed(1) : '–');
  $('fig-connections').textContent = figures.connections;
  $('fig-online').textContent = figures.online_users;
  $('fig-sends-rate').textContent = previous ? rate(figures.sends, previous.sends) : '–';
  $('fig-deliveries-rate').textContent = previous ? rate(figures.deliveries, previous.deliveries) : '–';
  $('fig-resends').textContent = figures.resends;
  $('fig-backlog').textContent = figures.backlog.pending;
  $('updated').textContent = 'updated ' + new Date(figures.at).toLocaleTimeString();
  const rows = $('nodes').tBodies[0];
  rows.replaceChildren(...figures.nodes.map((node) => {
    const tr = document.createElement('tr');
    tr.append(cell(node.node), cell(node.connections), cell(node.sends), cell(node.deliveries), cell(node.acks),
      cell(node.resends), cell(time(node.heartbeat_at)));
    return tr;
  }));
  renderPush(figures.push || []);
  state.previous = figures;
  await refreshFiles();
}

const PROVIDERS = { apns: 'APNs', fcm: 'FCM', webpush: 'Web Push' };

// Push attempts per provider since the live nodes started (docs/PUSH.md): sent, failed for good
// (or given up), tokens the provider said are gone (their registrations deleted), answers to try later.
function renderPush(providers) {
  $('push').tBodies[0].replaceChildren(...providers.map((p) => {
    const tr = document.createElement('tr');
    tr.dataset.provider = p.provider;
    tr.append(cell(PROVIDERS[p.provider] || p.provider), cell(p.configured ? 'on' : 'off', p.configured ? 'on' : 'off'),
      cell(p.sent), cell(p.failed, p.failed > 0 ? 'error' : ''), cell(p.dead), cell(p.retry));
    return tr;
  }));
}

const bytes = (n) => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
};

async function refreshFiles() {
  try {
    const storage = await api('GET', '/admin/files');
    $('fig-file-bytes').textContent = bytes(storage.bytes);
    $('fig-file-count').textContent = storage.files;
    $('files-store').textContent = storage.store;
    $('uploaders').tBodies[0].replaceChildren(...storage.largest.map((user) => {
      const tr = document.createElement('tr');
      tr.append(cell(user.account), cell(bytes(user.bytes)), cell(user.files));
      return tr;
    }));
  } catch (e) {
    $('files-store').textContent = 'not updated: ' + e.message;
  }
}

// ---------------------------------------------------------------- users

async function searchUsers(event) {
  event?.preventDefault();
  const q = $('user-search').q.value.trim();
  try {
    const users = await api('GET', '/admin/users' + (q ? '?q=' + encodeURIComponent(q) : ''));
    $('users').tBodies[0].replaceChildren(...users.map((user) => {
      const tr = document.createElement('tr');
      tr.append(cell(user.account), cell(user.nickname), cell(user.role),
        cell(user.enabled ? 'enabled' : 'disabled', user.enabled ? 'on' : 'error'));
      const td = document.createElement('td');
      td.append(button('Open', () => openUser(user.uid), 'quiet'));
      tr.append(td);
      return tr;
    }));
    if (users.length === 0) toast('No user found.');
  } catch (e) {
    toast(e.message, true);
  }
}

async function openUser(uid) {
  try {
    const detail = await api('GET', '/admin/users/' + encodeURIComponent(uid));
    state.selected = detail.user;
    const user = detail.user;
    $('detail-title').textContent = user.account + ' (' + user.nickname + ')' + (user.enabled ? '' : ' — disabled');
    $('detail-toggle').textContent = user.enabled ? 'Disable account' : 'Enable account';
    $('detail-toggle').className = user.enabled ? 'danger' : '';
    $('devices').tBodies[0].replaceChildren(...detail.devices.map((device) => {
      const tr = document.createElement('tr');
      tr.append(cell(device.did), cell(device.dname || '–'), cell(device.cos || '–'),
        cell(device.online ? 'online' : 'offline', device.online ? 'on' : 'off'), cell(time(device.last_login_at)));
      const td = document.createElement('td');
      td.append(button('Kick', () => act('POST', '/admin/users/' + encodeURIComponent(user.uid) + '/devices/'
        + encodeURIComponent(device.did) + '/kick', 'Device ' + device.did + ' kicked.')));
      tr.append(td);
      return tr;
    }));
    $('user-detail').hidden = false;
  } catch (e) {
    toast(e.message, true);
  }
}

async function act(method, path, done) {
  try {
    await api(method, path, method === 'POST' ? {} : undefined);
    toast(done);
    if (state.selected) await openUser(state.selected.uid);
    await searchUsers();
  } catch (e) {
    toast(e.message, true);
  }
}

// ---------------------------------------------------------------- notices and groups

async function sendNotice(event) {
  event.preventDefault();
  const form = event.target;
  const uids = form.uids.value.split(',').map((s) => s.trim()).filter(Boolean);
  const body = { text: form.text.value };
  if (form.title.value.trim()) body.title = form.title.value.trim();
  if (uids.length) body.uids = uids;
  try {
    const result = await api('POST', '/admin/notices', body);
    toast('Notice sent to ' + result.recipients + (result.recipients === 1 ? ' user.' : ' users.'));
    form.reset();
  } catch (e) {
    toast(e.message, true);
  }
}

async function lookUpGroup(event) {
  event.preventDefault();
  const gid = event.target.gid.value.trim();
  try {
    const group = await api('GET', '/admin/groups/' + encodeURIComponent(gid));
    $('group-name').textContent = group.title;
    $('group-meta').textContent = group.member_count + ' members · ' + (group.open ? 'open' : 'closed')
      + ' · created ' + time(group.created_at);
    $('members').tBodies[0].replaceChildren(...group.members.map((member) => {
      const tr = document.createElement('tr');
      tr.append(cell(member.account), cell(member.role), cell(member.muted ? 'muted' : ''));
      return tr;
    }));
    $('group').hidden = false;
  } catch (e) {
    $('group').hidden = true;
    toast(e.message, true);
  }
}

// ---------------------------------------------------------------- start

function start() {
  $('login-view').hidden = true;
  $('console-view').hidden = false;
  $('who-name').textContent = sessionStorage.getItem('chorus.admin.account') || '';
  $('who').hidden = false;
  state.previous = null;
  refresh();
  clearInterval(state.timer);
  state.timer = setInterval(refresh, REFRESH_MS);
  searchUsers();
}

$('login').addEventListener('submit', signIn);
$('logout').addEventListener('click', () => signOut());
$('user-search').addEventListener('submit', searchUsers);
$('detail-toggle').addEventListener('click', () => {
  const user = state.selected;
  act('POST', '/admin/users/' + encodeURIComponent(user.uid) + (user.enabled ? '/disable' : '/enable'),
    user.account + (user.enabled ? ' disabled.' : ' enabled.'));
});
$('detail-kick').addEventListener('click', () => act('POST', '/admin/users/' + encodeURIComponent(state.selected.uid) + '/kick',
  'All devices of ' + state.selected.account + ' kicked.'));
$('notice').addEventListener('submit', sendNotice);
$('group-search').addEventListener('submit', lookUpGroup);

companySignIn().then((signedIn) => {
  if (signedIn || state.token) start();
});
