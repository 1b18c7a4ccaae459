// The officers' page: sign in, see each form's responses and download its
// workbooks, and give Quality Checkers their sign-in codes. State-changing
// requests carry the session's CSRF token.
import { h } from './render.js';

const main = document.getElementById('main');
let csrf = '';

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  let data = null;
  try { data = await res.json(); } catch { /* no body */ }
  return { status: res.status, data };
}

function show(...children) {
  main.replaceChildren(...children.flat().filter(Boolean));
  main.querySelector('h1')?.focus();
}

const when = (t) => (t ? new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'none yet');

function problem(text) {
  return text ? h('div', { class: 'error-summary', role: 'alert' }, h('h2', {}, 'There is a problem'), h('p', {}, text)) : null;
}

function signInPage(message = '') {
  document.title = 'Sign in – Chorus';
  document.getElementById('who').replaceChildren();
  const email = h('input', { type: 'email', id: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  show(
    problem(message),
    h('h1', { tabindex: '-1' }, 'Sign in'),
    h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const r = await api('POST', '/api/v1/session', { email: email.value, password: password.value });
        if (r.status !== 201) return signInPage(r.data?.detail || 'Sign-in failed. Try again.');
        csrf = r.data.csrfToken;
        load();
      },
    },
    h('div', { class: 'question' }, h('label', { for: 'email', class: 'label' }, 'Email address'), email),
    h('div', { class: 'question' }, h('label', { for: 'password', class: 'label' }, 'Password'), password),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
  );
}

function downloads(f) {
  const links = [];
  for (const layout of f.layouts) {
    const name = layout === 'visits' ? 'Visit results' : 'Responses';
    links.push(h('a', { class: 'button secondary', href: `/api/v1/forms/${encodeURIComponent(f.id)}/export.xlsx?layout=${layout}`, download: '' }, `${name} (Excel)`));
  }
  links.push(h('a', { class: 'button secondary', href: `/api/v1/forms/${encodeURIComponent(f.id)}/export.csv`, download: '' }, 'Responses (CSV)'));
  return links;
}

function codePanel(r) {
  return h('div', { class: 'inset', role: 'status' },
    h('h3', {}, `Sign-in code for ${r.volunteer.name || 'the volunteer'}`),
    h('p', { class: 'receipt' }, r.code),
    h('p', {}, `Works once, until ${when(r.expiresAt)}. Give it to the volunteer, or let them scan this code with their phone:`),
    h('img', { src: r.qr, alt: `QR code of the sign-in link for ${r.volunteer.name || 'the volunteer'}`, width: 200, height: 200 }),
    h('p', { class: 'hint' }, r.link));
}

async function volunteersSection(note) {
  const r = await api('GET', '/api/v1/volunteers');
  const name = h('input', { type: 'text', id: 'vname', name: 'vname', autocomplete: 'off' });
  const rows = (r.data || []).map((v) => h('li', {},
    h('p', { class: 'card-title' }, v.name),
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      const c = await api('POST', `/api/v1/volunteers/${encodeURIComponent(v.id)}/codes`);
      if (c.status === 201) load(codePanel({ ...c.data, volunteer: v })); else load(problem(c.data?.detail));
    } }, `New code for ${v.name}`),
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      if (!window.confirm(`Sign out every phone of ${v.name}? Their unsent visits stay on the phone until they sign in again.`)) return;
      const c = await api('DELETE', `/api/v1/volunteers/${encodeURIComponent(v.id)}/devices`);
      load(c.status === 200 ? h('p', { role: 'status', class: 'inset' }, `${v.name}: ${c.data.revoked} phone(s) signed out.`) : problem(c.data?.detail));
    } }, `Sign out ${v.name}'s phones`)));
  return [
    h('h2', {}, 'Quality Checkers'),
    note,
    h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const c = await api('POST', '/api/v1/volunteers', { name: name.value });
        load(c.status === 201 ? codePanel(c.data) : problem(c.data?.detail));
      },
    },
    h('div', { class: 'question' }, h('label', { for: 'vname', class: 'label' }, 'Add a Quality Checker'),
      h('span', { class: 'hint', id: 'vname-hint' }, 'A display name only, such as a first name.'), name),
    h('button', { type: 'submit', class: 'primary' }, 'Add and get a code')),
    rows.length ? h('ul', { class: 'cards' }, rows) : h('p', {}, 'No Quality Checkers yet.'),
  ];
}

async function load(note = null) {
  const me = await api('GET', '/api/v1/me');
  if (me.status !== 200 || (me.data.role !== 'officer' && me.data.role !== 'admin')) return signInPage(me.status === 200 ? '' : me.data?.detail);
  csrf = me.data.csrfToken || csrf;
  document.title = 'Forms – Chorus';
  document.getElementById('who').replaceChildren(`Signed in as ${me.data.name} `,
    h('button', { type: 'button', class: 'secondary', onclick: async () => { await api('DELETE', '/api/v1/session'); csrf = ''; signInPage(); } }, 'Sign out'));
  const forms = await api('GET', '/api/v1/officer/forms');
  if (forms.status !== 200) return show(h('h1', { tabindex: '-1' }, 'Forms'), problem(forms.data?.detail));
  show(
    h('h1', { tabindex: '-1' }, 'Forms'),
    h('ul', { class: 'cards' }, forms.data.map((f) => h('li', {},
      h('h2', {}, f.title),
      h('p', {}, h('strong', {}, `${f.responses} ${f.responses === 1 ? 'response' : 'responses'}`), ` · latest ${when(f.latestAt)} · ${f.open ? 'open' : 'closed'}`),
      downloads(f)))),
    await volunteersSection(note),
    me.data.role === 'admin' ? [h('h2', {}, 'Audit log'), h('p', {}, h('a', { href: '/api/v1/audit.csv', download: '' }, 'Download the audit log (CSV)'))] : null,
  );
}

load();
