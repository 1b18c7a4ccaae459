// An officer's preview of a form, at /officer/preview/FORM?version=draft|
// current|N&mode=standard|easy&lang=CODE: the form drawn by the app's own screens
// (fill.js previewForm), with its conditions and checks, and nothing
// written to the device or sent. The console shows it in a phone-sized
// frame; signed-in colleagues can open the same address in a tab.
import { h, watchVoices } from './render.js';
import { show, nextRoute, setTitle } from './shell.js';
import { previewForm } from './fill.js';

const params = new URLSearchParams(location.search);
const id = decodeURIComponent(location.pathname.replace(/^\/officer\/preview\//, '').replace(/\/$/, ''));
const version = params.get('version') || 'draft';

/** A screen that says what stops the preview, with where to go. */
function stop(title, text, link) {
  setTitle(title);
  show(nextRoute(), h('h1', {}, title), h('p', {}, text), link ? h('p', {}, h('a', { href: link[0], target: '_top' }, link[1])) : null);
}

async function get(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  let data = null;
  try { data = await res.json(); } catch { /* no body */ }
  return { status: res.status, data };
}

async function start() {
  const which = version === 'draft' ? 'a draft' : version === 'current' ? 'the live version' : `version ${version}`;
  document.getElementById('preview-banner').textContent = `Preview of ${which} — nothing you fill here is sent`;
  if (!id) return stop('No form chosen', 'This address does not name a form.', ['/officer#/forms', 'Go to the forms in the officers’ console']);
  const query = version === 'current' ? '' : `?version=${encodeURIComponent(version)}`;
  const [def, register] = await Promise.all([
    get(`/api/v1/officer/catalog/${encodeURIComponent(id)}/definition${query}`),
    get('/api/v1/services'),
  ]);
  if (def.status === 401 || def.status === 403) {
    return stop('Sign in to see this preview', 'Only officers who are signed in can see a preview of a form.', ['/officer', 'Sign in to the officers’ console']);
  }
  if (def.status !== 200) {
    return stop('Preview not available', def.data?.detail || 'The form could not be loaded. Try again.', [`/officer#/forms/${encodeURIComponent(id)}`, 'Back to the form in the console']);
  }
  previewForm(def.data, {
    easy: params.get('mode') === 'easy',
    services: register.status === 200 && Array.isArray(register.data) ? register.data : [],
    onMode: (easy) => {
      params.set('mode', easy ? 'easy' : 'standard');
      history.replaceState(null, '', `${location.pathname}?${params}`);
    },
    // In one of the form's languages, as a person who picks it sees it.
    language: params.get('lang') || '',
    onLanguage: (code) => {
      params.set('lang', code);
      history.replaceState(null, '', `${location.pathname}?${params}`);
    },
  });
}

watchVoices();
start().catch((err) => stop('Something went wrong', String(err.message || err)));
