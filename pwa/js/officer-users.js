// The admins' page of officer and admin accounts: add one with a first
// password, give one a new password (which signs them out everywhere, and
// may reopen a disabled account), and disable one.
import { h } from './render.js';
import { api, show, when, problem, heading, passwordField } from './console.js';

const roleWords = { officer: 'Officer', admin: 'Admin' };

const givenPassword = (id, label) => passwordField(id, label, 'new-password',
  'At least 12 characters. Give it to them in person or by phone, not by email.');

function newPasswordForm(u, reload) {
  const id = `pw-${u.id}`;
  const field = givenPassword(id, `New password for ${u.email}`);
  return h('details', {},
    h('summary', {}, `Give ${u.email} a new password`),
    h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const r = await api('PUT', `/api/v1/users/${encodeURIComponent(u.id)}/password`,
          { password: field.querySelector('input').value, enable: Boolean(u.disabledAt) });
        reload(r.status === 200
          ? h('p', { class: 'inset', role: 'status' }, `${u.email} has a new password and is signed out everywhere.${u.disabledAt ? ' Their account is open again.' : ''}`)
          : problem(r.data?.detail));
      },
    }, field, h('button', { type: 'submit', class: 'secondary' }, u.disabledAt ? 'Set the password and open the account' : 'Set the new password')));
}

/** Draws the accounts page; me is the admin looking at it. */
export async function usersPage(me, note = null) {
  const reload = (n) => usersPage(me, n);
  const r = await api('GET', '/api/v1/users');
  if (r.status !== 200) return show('Officers', heading('Officers'), problem(r.data?.detail));
  const users = (r.data || []).slice().sort((a, b) => a.email.localeCompare(b.email));
  const email = h('input', { type: 'email', id: 'uemail', name: 'uemail', autocomplete: 'off', required: true });
  const role = h('select', { id: 'urole', name: 'urole' },
    h('option', { value: 'officer' }, 'Officer: forms, results, downloads, services, Quality Checkers'),
    h('option', { value: 'admin' }, 'Admin: all that, and accounts and the audit log'));
  const password = givenPassword('upassword', 'First password');
  const rows = users.map((u) => h('li', {},
    h('p', { class: 'card-title' }, u.email),
    h('p', {}, `${roleWords[u.role] || u.role} · added ${when(u.createdAt)}`,
      u.disabledAt ? [' · ', h('strong', {}, `disabled ${when(u.disabledAt)}`)] : null),
    u.id === me.id ? h('p', { class: 'hint' }, 'This is you.') : [
      newPasswordForm(u, reload),
      u.disabledAt ? null : h('button', { type: 'button', class: 'secondary', onclick: async () => {
        if (!window.confirm(`Disable ${u.email}? They are signed out and cannot sign in until an admin gives them a new password.`)) return;
        const d = await api('DELETE', `/api/v1/users/${encodeURIComponent(u.id)}`);
        reload(d.status === 204 ? h('p', { class: 'inset', role: 'status' }, `${u.email} is disabled.`) : problem(d.data?.detail));
      } }, `Disable ${u.email}`),
    ]));
  show('Officers',
    heading('Officers and admins'),
    note,
    h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const a = await api('POST', '/api/v1/users', { email: email.value, role: role.value, password: password.querySelector('input').value });
        reload(a.status === 201 ? h('p', { class: 'inset', role: 'status' }, `Added ${a.data.email}. They sign in at this page with the first password.`) : problem(a.data?.detail));
      },
    },
    h('h2', {}, 'Add someone'),
    h('div', { class: 'question' }, h('label', { for: 'uemail', class: 'label' }, 'Email address'), email),
    h('div', { class: 'question' }, h('label', { for: 'urole', class: 'label' }, 'Role'), role),
    password,
    h('button', { type: 'submit', class: 'primary' }, 'Add')),
    h('h2', {}, 'Accounts'),
    h('ul', { class: 'cards' }, rows),
    h('h2', {}, 'Audit log'),
    h('p', {}, h('a', { href: '/api/v1/audit.csv', download: '' }, 'Download the audit log (CSV)')),
  );
}
