// The officers' console: sign in; a dashboard of every form with the
// visits flagged for safeguarding; each form's results, responses and
// downloads with the same filters; one response in full with its review;
// and Quality Checkers' codes. Routes live in the address's hash.
// State-changing requests carry the session's CSRF token.
import { h } from './render.js';
import { bars, perDay } from './charts.js';

import { api, show, when, day, problem, heading, session, passwordField } from './console.js';
import { servicesPage, servicePage, visitReport } from './officer-services.js';
import { usersPage } from './officer-users.js';
import { formsPage } from './officer-forms.js';
import { formPage } from './officer-forms-page.js';
import { wordsPage } from './officer-forms-words.js';

let me = null;
let serviceNames = null;

async function services() {
  if (!serviceNames) {
    const r = await api('GET', '/api/v1/services');
    serviceNames = new Map((r.data || []).map((s) => [s.id, s.name]));
  }
  return serviceNames;
}

function signInPage(message = '', note = null) {
  document.getElementById('who').replaceChildren();
  document.getElementById('nav').hidden = true;
  const email = h('input', { type: 'email', id: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  show('Sign in',
    problem(message),
    heading('Sign in'),
    note,
    h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const r = await api('POST', '/api/v1/session', { email: email.value, password: password.value });
        if (r.status !== 201) return signInPage(r.data?.detail || 'Sign-in failed. Try again.');
        session(r.data.csrfToken, signInAgain);
        route();
      },
    },
    h('div', { class: 'question' }, h('label', { for: 'email', class: 'label' }, 'Email address'), email),
    h('div', { class: 'question' }, h('label', { for: 'password', class: 'label' }, 'Password'), password),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
  );
}

// ---------- filters, shared by results, responses and downloads ----------

function readFilters(query) {
  const p = new URLSearchParams(query);
  return { from: p.get('from') || '', to: p.get('to') || '', service: p.get('service') || '', status: p.get('status') || '', q: p.get('q') || '', after: p.get('after') || '', page: Number(p.get('page') || 0) };
}

function queryOf(f, keys = ['from', 'to', 'service', 'status', 'q']) {
  const p = new URLSearchParams();
  for (const k of keys) if (f[k]) p.set(k, f[k]);
  return p.toString();
}

/**
 * The download links, with the filters in force. A form with translations
 * also offers the language of the downloads' headings and labels: its
 * main language unless another is chosen (the answers are the same).
 */
function downloads(form, f) {
  const base = `/api/v1/forms/${encodeURIComponent(form.id)}`;
  const files = (form.layouts || ['responses']).map((layout) => [`export.xlsx?layout=${layout}`, `${layout === 'visits' ? 'Visit results' : 'Responses'} (Excel)`]);
  files.push(['export.csv', 'Responses (CSV)']);
  const href = (file, labels) => {
    const p = new URLSearchParams(queryOf(f, ['from', 'to', 'service', 'status']));
    if (labels) p.set('labels', labels);
    const q = p.toString();
    return `${base}/${file}${q ? `${file.includes('?') ? '&' : '?'}${q}` : ''}`;
  };
  const links = files.map(([file, name]) => h('a', { class: 'button secondary', href: href(file, ''), download: '', 'data-file': file }, name));
  const translations = Object.entries(form.translations || {});
  if (!translations.length) return h('p', {}, links);
  const main = form.language || 'en';
  const select = h('select', {
    id: 'labels', name: 'labels', 'aria-describedby': 'labels-hint',
    onchange: () => {
      for (const a of links) a.href = href(a.dataset.file, select.value === main ? '' : select.value);
    },
  }, [[main, languageName(main)], ...translations.map(([code, l]) => [code, l.name])].map(([code, name]) =>
    h('option', { value: code }, `${name} (${code})${code === main ? ', the form\'s main language' : ''}`)));
  return h('div', { class: 'downloads' },
    h('div', { class: 'question' }, h('label', { for: 'labels', class: 'label' }, 'Headings and labels in'),
      h('span', { class: 'hint', id: 'labels-hint' }, 'The answers are the same in every language: only the words of the headings and options change.'),
      select),
    h('p', {}, links));
}

async function filterForm(form, f, target, { status = false, search = false } = {}) {
  const names = await services();
  const field = (id, label, input) => h('div', { class: 'question' }, h('label', { for: id, class: 'label' }, label), input);
  const from = h('input', { type: 'date', id: 'from', name: 'from', value: f.from });
  const to = h('input', { type: 'date', id: 'to', name: 'to', value: f.to });
  const byDate = form.kind === 'visit' ? 'Visit date' : 'Received';
  const service = form.kind === 'visit' ? h('select', { id: 'service', name: 'service' },
    h('option', { value: '' }, 'All services'),
    [...names].map(([id, name]) => h('option', { value: id, selected: id === f.service }, name))) : null;
  const st = status ? h('select', { id: 'status', name: 'status' }, h('option', { value: '' }, 'Any'),
    ['new', 'reviewed', 'follow-up', 'closed'].map((s) => h('option', { value: s, selected: s === f.status }, statusWords[s]))) : null;
  const q = search ? h('input', { type: 'search', id: 'q', name: 'q', value: f.q }) : null;
  return h('form', {
    class: 'filters', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      location.hash = `${target}?${queryOf({ from: from.value, to: to.value, service: service?.value, status: st?.value, q: q?.value })}`;
    },
  },
  field('from', `${byDate} from`, from), field('to', `${byDate} to`, to),
  service ? field('service', 'Service', service) : null,
  st ? field('status', 'Review status', st) : null,
  q ? field('q', 'Free text holds, or reference', q) : null,
  h('button', { type: 'submit', class: 'primary' }, 'Show'));
}

const statusWords = { new: 'New', reviewed: 'Reviewed', 'follow-up': 'Needs follow-up', closed: 'Closed' };

// ---------- pages ----------

/** How long since a time, in words: "5 hours", "3 days". */
function waited(t) {
  const hours = Math.max(0, Math.floor((Date.now() - new Date(t).getTime()) / 3600000));
  if (hours < 1) return 'less than an hour';
  if (hours < 24) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Whether the Quality Checker said they had phoned the safeguarding team. */
const phonedWords = (phoned) => ({ true: 'Phoned the safeguarding team: yes', false: 'Phoned the safeguarding team: not yet' }[phoned] || '');

// Visits with a safeguarding concern, newest first, until reviewed or closed.
function flagList(flags) {
  if (!flags.length) return null;
  return h('section', { class: 'notice', 'aria-labelledby': 'flags' },
    h('h2', { id: 'flags' }, `${flags.length} ${flags.length === 1 ? 'visit' : 'visits'} with a safeguarding concern to review`),
    h('ul', { class: 'flag-list' }, flags.map((f) => h('li', {},
      h('a', { href: `#/responses/${encodeURIComponent(f.responseId)}` }, `${f.serviceName || f.service}, visited ${day(f.visitDate)}`),
      h('span', { class: 'flag-facts' }, [`Waiting ${waited(f.receivedAt)}`, phonedWords(f.phoned), `reference ${f.receipt}`].filter(Boolean).join(' · '))))));
}

async function dashboard() {
  const r = await api('GET', '/api/v1/officer/dashboard');
  if (r.status !== 200) return show('Dashboard', heading('Dashboard'), problem(r.data?.detail));
  show('Dashboard',
    heading('Dashboard'),
    flagList(r.data.safeguarding),
    h('ul', { class: 'cards' }, r.data.forms.map((f) => h('li', {},
      h('h2', {}, f.title),
      h('p', {}, h('span', { class: 'tag' }, { draft: 'Not open yet', open: 'Open', closed: 'Closed' }[f.status]),
        f.opens || f.closes ? ` ${f.opens ? `from ${day(f.opens)}` : ''} ${f.closes ? `until ${day(f.closes)}` : ''}` : ''),
      h('p', {}, h('strong', {}, `${f.responses} ${f.responses === 1 ? 'response' : 'responses'}`), `, ${f.last7Days} received in the last 7 days · latest ${when(f.latestAt)}`),
      perDay(`Responses received per day, ${f.title}, last 30 days`, f.days),
      h('p', {}, h('a', { href: `#/forms/${encodeURIComponent(f.id)}/results` }, `Results of ${f.title}`), ' · ',
        h('a', { href: `#/forms/${encodeURIComponent(f.id)}/responses` }, `Responses to ${f.title}`))))),
  );
}

async function formInfo(id) {
  const r = await api('GET', '/api/v1/officer/forms');
  return (r.data || []).find((f) => f.id === id) || { id, title: id, layouts: ['responses'] };
}

async function results(id, query) {
  const f = readFilters(query);
  const [form, r] = await Promise.all([formInfo(id), api('GET', `/api/v1/officer/forms/${encodeURIComponent(id)}/results?${queryOf(f, ['from', 'to', 'service'])}`)]);
  const target = `#/forms/${encodeURIComponent(id)}/results`;
  if (r.status !== 200) return show('Results', heading(`Results: ${form.title}`), await filterForm(form, f, target), problem(r.data?.detail));
  show('Results',
    heading(`Results: ${form.title}`),
    await filterForm(form, f, target),
    h('p', {}, h('strong', {}, `${r.data.responses} responses`), r.data.filters?.length ? ` · ${r.data.filters.join(' · ')}` : ''),
    languagesLine(r.data.languages),
    downloads(form, f),
    h('p', {}, h('a', { href: `#/forms/${encodeURIComponent(id)}/responses?${queryOf(f)}` }, 'These responses, one by one, with their free-text answers')),
    r.data.questions.map(resultBlock),
  );
}

/** A language's name in English, from its code ("pl" → "Polish"). */
function languageName(code) {
  try {
    return new Intl.DisplayNames(['en-GB'], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

/** Which languages the responses came in, when more than one could. */
function languagesLine(langs) {
  const entries = Object.entries(langs || {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return null;
  return h('p', { id: 'languages' }, 'Languages: ', entries.map(([code, n]) => `${languageName(code)} (${code}) ${n}`).join(' · '),
    '. Answers are counted together whatever the language.');
}

/**
 * One counted question (or one statement of a grid), as the Summary sheet
 * of a download shows it: its title; for a question behind a condition,
 * whom it was asked of, how many were asked, answered, asked and did not
 * answer, and were not asked, with shares of those who answered; for a
 * ranking, each option's mean rank and how many put it first.
 */
function resultBlock(q) {
  const asked = q.conditional ? h('p', { class: 'hint' }, q.askedOf, ' ',
    h('strong', {}, `Asked: ${q.asked} of ${q.responses} responses; answered: ${q.answered}; asked but did not answer: ${q.noAnswer}; not asked: ${q.notAsked}.`),
    ` Shares are of the ${q.answered} who answered.`) : null;
  const chart = q.ranks
    ? bars(q.title, q.ranks.map((r) => ({ label: r.label, count: r.first, share: r.firstShare, mean: r.ranked ? r.meanRank.toFixed(2) : '–' })),
      { heads: ['Answer', 'Put first', 'Share put first'], extra: { head: 'Mean rank (1 = first)', cell: (r) => r.mean } })
    : bars(q.title, q.options.map((o) => ({ label: o.label, count: o.count, share: o.share, colour: o.colour })),
      { heads: ['Answer', 'Responses', q.conditional ? 'Share of those who answered' : 'Share'] });
  return h('section', {},
    h('h2', {}, q.title),
    asked,
    q.multiple ? h('p', { class: 'hint' }, 'People could choose more than one answer, so the shares add up to more than 100%.') : null,
    q.ranks ? h('p', { class: 'hint' }, `Ranked by ${q.answered} of ${q.responses} responses. Options are listed by mean rank, best first.`) : null,
    chart,
    q.other ? h('p', { class: 'hint' }, `What people wrote for “Other” is in the column “${q.other}” of the downloads.`) : null);
}

async function responses(id, query) {
  const f = readFilters(query);
  const [form, names, r] = await Promise.all([formInfo(id), services(),
    api('GET', `/api/v1/officer/forms/${encodeURIComponent(id)}/responses?${queryOf(f, ['from', 'to', 'service', 'status', 'q', 'after'])}&page=${f.page}`)]);
  const target = `#/forms/${encodeURIComponent(id)}/responses`;
  const filters = await filterForm(form, f, target, { status: true, search: true });
  if (r.status !== 200) return show('Responses', heading(`Responses: ${form.title}`), filters, problem(r.data?.detail));
  const pageLink = (p, after, text) => h('a', { href: `${target}?${queryOf({ ...f, after })}${after ? `&after=${encodeURIComponent(after)}` : ''}&page=${p}` }, text);
  show('Responses',
    heading(`Responses: ${form.title}`),
    filters,
    downloads(form, f),
    r.data.rows.length === 0 ? h('p', {}, 'No responses match.') : h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, `Responses to ${form.title}, page ${r.data.page + 1}`),
      h('thead', {}, h('tr', {}, ['Received', 'Reference', 'Status', form.kind === 'visit' ? 'Service' : null, 'Free text'].filter(Boolean).map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, r.data.rows.map((row) => h('tr', {},
        h('td', {}, when(row.receivedAt)),
        h('td', {}, h('a', { href: `#/responses/${encodeURIComponent(row.id)}` }, row.receipt)),
        h('td', {}, statusWords[row.status] || row.status),
        form.kind === 'visit' ? h('td', {}, names.get(row.service) || row.service || '') : null,
        h('td', {}, row.texts.map((t) => h('p', {}, h('strong', {}, `${t.label}: `), t.text))))))),
    h('p', {}, r.data.page > 0 ? pageLink(0, '', 'First page') : null, r.data.page > 0 && r.data.more ? ' · ' : null,
      r.data.more ? pageLink(r.data.page + 1, r.data.next, 'Next page') : null),
  );
}

function answerText(q, v, names, answers = {}) {
  if (v === undefined || v === null) return 'No answer';
  const label = (x) => q.options?.find((o) => o.value === x)?.label || x;
  const other = answers[`${q.id}:other`];
  const withOther = (text) => (other ? `${text} (they wrote: “${other}”)` : text);
  switch (q.type) {
    case 'yesNo': case 'consent': return v ? 'Yes' : 'No';
    case 'singleChoice': return withOther(label(v));
    case 'rating': return label(v);
    case 'multipleChoice': return withOther(v.map(label).join('; '));
    case 'grid': return h('ul', {}, (q.statements || []).map((st) => h('li', {}, `${st.label}: ${v[st.id] === undefined ? 'no answer' : label(v[st.id])}`)));
    case 'ranking': return h('ol', {}, v.map((x) => h('li', {}, label(x))));
    case 'service': return names.get(v) || v;
    case 'date': return day(v);
    default: return String(v);
  }
}

async function oneResponse(id, note = null) {
  const [r, names] = await Promise.all([api('GET', `/api/v1/responses/${encodeURIComponent(id)}`), services()]);
  if (r.status !== 200) return show('Response', heading('Response'), problem(r.data?.detail));
  const { response: resp, form } = r.data;
  const status = h('select', { id: 'rstatus', name: 'rstatus' }, ['new', 'reviewed', 'follow-up', 'closed'].map((s) => h('option', { value: s, selected: s === resp.status }, statusWords[s])));
  const text = h('textarea', { id: 'rnote', name: 'rnote', rows: 4 }, resp.review?.note || '');
  // A safeguarding concern comes first, above the review, with the rest
  // of its section (what was seen, whether the team was phoned).
  const worry = form.visit?.safeguarding;
  const concern = worry && resp.answers[worry] === true ? form.sections.find((s) => s.questions.some((q) => q.id === worry)) : null;
  const answers = (s) => h('dl', {}, s.questions.filter((q) => q.type !== 'notice' && q.type !== 'guidance').flatMap((q) => [h('dt', {}, q.label), h('dd', {}, answerText(q, resp.answers[q.id], names, resp.answers))]));
  const sentBy = resp.sentByName || resp.sentBy;
  show('Response',
    note,
    heading(`${form.title}: ${resp.receipt}`),
    h('p', {}, `Received ${when(resp.receivedAt)} · form version ${resp.formVersion}${sentBy ? ` · sent by ${sentBy}` : ''}${resp.language ? ` · filled in ${languageName(resp.language)}` : ''}`),
    concern ? h('section', { class: 'notice concern', 'aria-labelledby': 'concern' },
      h('h2', { id: 'concern' }, `Safeguarding concern · ${statusWords[resp.status] || resp.status}`), answers(concern)) : null,
    form.kind === 'visit' ? h('p', {}, 'Printable visit report: ',
      h('a', { href: `#/report/${encodeURIComponent(id)}/easy` }, 'easy read, for the Quality Checkers'), ' · ',
      h('a', { href: `#/report/${encodeURIComponent(id)}/provider` }, 'for the provider')) : null,
    h('form', {
      class: 'inset', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const s = await api('PUT', `/api/v1/responses/${encodeURIComponent(id)}/review`, { status: status.value, note: text.value });
        oneResponse(id, s.status === 200 ? h('p', { class: 'panel', role: 'status' }, `Saved: ${statusWords[s.data.status]}.`) : problem(s.data?.detail));
      },
    },
    h('h2', {}, 'Review'),
    h('div', { class: 'question' }, h('label', { for: 'rstatus', class: 'label' }, 'Status'), status),
    h('div', { class: 'question' }, h('label', { for: 'rnote', class: 'label' }, 'Note for officers'), text),
    h('button', { type: 'submit', class: 'primary' }, 'Save the review')),
    form.sections.filter((s) => s !== concern).map((s) => h('section', {}, h('h2', {}, s.title), answers(s))),
    eraseForm(resp, form),
  );
}

// eraseForm erases a response when the person who sent it, or someone it
// names, asks for their data to be deleted.
function eraseForm(resp, form) {
  const reason = h('input', { type: 'text', id: 'ereason', name: 'ereason', maxlength: 200, autocomplete: 'off', 'aria-describedby': 'ereason-hint' });
  return h('details', { class: 'inset' },
    h('summary', {}, 'Erase this response'),
    h('p', {}, 'When someone asks for their data to be deleted. The answers, who sent it and the review are removed for good from Chorus, its results and its downloads; only the reference and the time it arrived remain, so that it is not sent again. Files already downloaded are not changed.'),
    h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const say = (text) => {
          e.target.querySelector('.error-summary')?.remove();
          e.target.prepend(problem(text));
        };
        if (!reason.value.trim()) return say('Say why the response is erased: the reference of the request, for example. Not a name.');
        if (!window.confirm(`Erase ${resp.receipt} for good? This cannot be undone.`)) return;
        const r = await api('POST', `/api/v1/responses/${encodeURIComponent(resp.id)}/erase`, { reason: reason.value });
        if (r.status !== 200) return say(r.data?.detail || 'The response was not erased. Try again.');
        show('Erased', heading(`${resp.receipt} is erased`),
          h('p', { class: 'inset', role: 'status' }, `The response ${resp.receipt} to ${form.title} is erased. The audit log records who erased it and why.`),
          h('p', {}, h('a', { href: `#/forms/${encodeURIComponent(resp.formId)}/responses` }, `Back to the responses to ${form.title}`)));
      },
    },
    h('div', { class: 'question' }, h('label', { for: 'ereason', class: 'label' }, 'Why'),
      h('span', { class: 'hint', id: 'ereason-hint' }, 'The reference of the request, for the audit log. Not a name.'), reason),
    h('button', { type: 'submit', class: 'warning' }, 'Erase for good')));
}

// ---------- Quality Checkers ----------

function codePanel(r) {
  return h('div', { class: 'inset', role: 'status' },
    h('h2', {}, `Sign-in code for ${r.volunteer.name || 'the volunteer'}`),
    h('p', { class: 'receipt' }, r.code),
    h('p', {}, `Works once, until ${when(r.expiresAt)}. Give it to the volunteer, or let them scan this code with their phone:`),
    h('img', { src: r.qr, alt: `QR code of the sign-in link for ${r.volunteer.name || 'the volunteer'}`, width: 200, height: 200 }),
    h('p', { class: 'hint' }, r.link));
}

async function volunteers(note = null) {
  const r = await api('GET', '/api/v1/volunteers');
  const name = h('input', { type: 'text', id: 'vname', name: 'vname', autocomplete: 'off', 'aria-describedby': 'vname-hint' });
  const rows = (r.data || []).map((v) => h('li', {},
    h('p', { class: 'card-title' }, v.name),
    h('p', {}, `${v.sent} ${v.sent === 1 ? 'visit' : 'visits'} sent`),
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      const c = await api('POST', `/api/v1/volunteers/${encodeURIComponent(v.id)}/codes`);
      volunteers(c.status === 201 ? codePanel({ ...c.data, volunteer: v }) : problem(c.data?.detail));
    } }, `New code for ${v.name}`),
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      if (!window.confirm(`Sign out every phone of ${v.name}? Their unsent visits stay on the phone until they sign in again.`)) return;
      const c = await api('DELETE', `/api/v1/volunteers/${encodeURIComponent(v.id)}/devices`);
      volunteers(c.status === 200 ? h('p', { role: 'status', class: 'inset' }, `${v.name}: ${c.data.revoked} phone(s) signed out.`) : problem(c.data?.detail));
    } }, `Sign out ${v.name}'s phones`),
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      if (!window.confirm(`Remove ${v.name}? Their phones are signed out and their name is deleted from Chorus. The visits they sent stay.`)) return;
      const c = await api('DELETE', `/api/v1/volunteers/${encodeURIComponent(v.id)}`);
      volunteers(c.status === 204 ? h('p', { role: 'status', class: 'inset' }, `${v.name} is removed.`) : problem(c.data?.detail));
    } }, `Remove ${v.name}`)));
  show('Quality Checkers',
    heading('Quality Checkers'),
    note,
    h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const c = await api('POST', '/api/v1/volunteers', { name: name.value });
        volunteers(c.status === 201 ? codePanel(c.data) : problem(c.data?.detail));
      },
    },
    h('div', { class: 'question' }, h('label', { for: 'vname', class: 'label' }, 'Add a Quality Checker'),
      h('span', { class: 'hint', id: 'vname-hint' }, 'A display name only, such as a first name.'), name),
    h('button', { type: 'submit', class: 'primary' }, 'Add and get a code')),
    rows.length ? h('ul', { class: 'cards' }, rows) : h('p', {}, 'No Quality Checkers yet.'),
  );
}

// ---------- your password ----------

function passwordPage(message = '') {
  const current = passwordField('pcurrent', 'Your current password', 'current-password');
  const fresh = passwordField('pnew', 'New password', 'new-password', 'At least 12 characters. A few unrelated words make a good one.');
  const again = passwordField('pagain', 'The new password again', 'new-password');
  const value = (f) => f.querySelector('input').value;
  show('Change your password',
    problem(message),
    heading('Change your password'),
    h('p', {}, 'You will be signed out everywhere, here too, and sign in again with the new password.'),
    h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        if (value(fresh) !== value(again)) return passwordPage('The two new passwords differ. Type the same one twice.');
        const r = await api('PUT', '/api/v1/session/password', { current: value(current), password: value(fresh) });
        if (r.status !== 204) return passwordPage(r.data?.detail || 'The password was not changed. Try again.');
        session('');
        me = null;
        history.replaceState(null, '', '#/');
        return signInPage('', h('p', { class: 'inset', role: 'status' }, 'Your password is changed. Sign in with the new one.'));
      },
    }, current, fresh, again, h('button', { type: 'submit', class: 'primary' }, 'Change the password')));
}

// ---------- routing ----------

async function route() {
  if (!me) {
    const r = await api('GET', '/api/v1/me').catch(() => null);
    if (!r || r.status !== 200 || (r.data.role !== 'officer' && r.data.role !== 'admin')) return signInPage();
    me = r.data;
    session(r.data.csrfToken || '', signInAgain);
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('nav-users').hidden = me.role !== 'admin';
  document.getElementById('who').replaceChildren(`Signed in as ${me.name} `,
    h('a', { href: '#/password' }, 'Change your password'), ' ',
    h('button', { type: 'button', class: 'secondary', onclick: async () => { await api('DELETE', '/api/v1/session'); session(''); me = null; signInPage(); } }, 'Sign out'));
  const [path, query = ''] = (location.hash.slice(1) || '/').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === 'forms' && parts[2] === 'results') return await results(parts[1], query);
    if (parts[0] === 'forms' && parts[2] === 'responses') return await responses(parts[1], query);
    if (parts[0] === 'forms' && parts[2] === 'words') return await wordsPage(parts[1]);
    if (parts[0] === 'forms' && parts[1]) return await formPage(parts[1]);
    if (parts[0] === 'forms') return await formsPage();
    if (parts[0] === 'responses') return await oneResponse(parts[1]);
    if (parts[0] === 'volunteers') return await volunteers();
    if (parts[0] === 'password') return passwordPage();
    if (parts[0] === 'users' && me.role === 'admin') return await usersPage(me);
    if (parts[0] === 'services' && parts[1]) return await servicePage(parts[1]);
    if (parts[0] === 'services') return await servicesPage();
    if (parts[0] === 'report') return await visitReport(parts[1], parts[2]);
    return await dashboard();
  } catch (err) {
    if (err.message !== 'signed out') show('Error', heading('Something went wrong'), problem(String(err.message || err)));
  }
}

function signInAgain(message) { me = null; signInPage(message); }

window.addEventListener('hashchange', route);
route();
