// Guidance between questions: a small Markdown subset read into blocks,
// the same blocks as the server's form.ParseGuidance (both tested against
// testdata/guidance.json). The app draws them as text nodes: no HTML in a
// form's text is ever obeyed.

const HEADING = /^(#{1,3})[ \t]+(.*)$/u;
const BULLET = /^[-*][ \t]+(.*)$/u;
const NUMBER = /^[0-9]{1,3}[.)][ \t]+(.*)$/u;
const LINK = /^\[([^[\]]+)\]\(([^()\s]+)\)/u;

/** Whether a link may be followed: https, an email address, or a path on this server. */
export function safeLink(href) {
  const lower = href.toLowerCase();
  return lower.startsWith('https://') || lower.startsWith('mailto:') || (href.startsWith('/') && !href.startsWith('//'));
}

/** Reads **bold** and [links](…) in a line of text into spans. */
export function parseSpans(s) {
  const out = [];
  const add = (sp) => {
    if (!sp.text) return;
    const last = out[out.length - 1];
    if (last && !sp.strong && !sp.href && !last.strong && !last.href) last.text += sp.text;
    else out.push(sp);
  };
  while (s !== '') {
    const i = s.search(/[*[]/u);
    if (i < 0) { add({ text: s }); break; }
    add({ text: s.slice(0, i) });
    s = s.slice(i);
    if (s.startsWith('**')) {
      const end = s.indexOf('**', 2);
      if (end > 2) { add({ text: s.slice(2, end), strong: true }); s = s.slice(end + 2); continue; }
      add({ text: '**' }); s = s.slice(2); continue;
    }
    const m = LINK.exec(s);
    if (m) {
      add(safeLink(m[2]) ? { text: m[1], href: m[2] } : { text: `${m[1]} (${m[2]})` });
      s = s.slice(m[0].length);
      continue;
    }
    add({ text: s[0] });
    s = s.slice(1);
  }
  return out;
}

/** Reads a guidance text into blocks: headings, paragraphs and lists. */
export function parseGuidance(body) {
  const lines = body.replace(/\r\n/gu, '\n').replace(/\r/gu, '\n').split('\n');
  const out = [];
  let para = [];
  let list = null;
  let item = null;
  const flush = () => {
    if (para.length) { out.push({ kind: 'paragraph', spans: parseSpans(para.join(' ')) }); para = []; }
    if (list) { out.push(list); list = null; }
  };
  const endItem = () => {
    if (list && item) list.items.push(parseSpans(item.join(' ')));
    item = null;
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') { endItem(); flush(); continue; }
    const h = HEADING.exec(line);
    if (h) {
      endItem(); flush();
      out.push({ kind: 'heading', level: h[1].length === 3 ? 3 : 2, spans: parseSpans(h[2]) });
      continue;
    }
    const b = BULLET.exec(line);
    const n = NUMBER.exec(line);
    if (b || n) {
      const ordered = Boolean(n);
      endItem();
      if (!list || Boolean(list.ordered) !== ordered) { flush(); list = ordered ? { kind: 'list', ordered, items: [] } : { kind: 'list', items: [] }; }
      item = [ordered ? n[1] : b[1]];
      continue;
    }
    if (item) { item.push(line); continue; }
    if (list) flush();
    para.push(line);
  }
  endItem();
  flush();
  return out;
}
