import { createRequire } from 'node:module';
import type MarkdownItType from 'markdown-it';
import type sanitizeHtmlType from 'sanitize-html';

/**
 * User Markdown → HTML, once, at the storage boundary; every screen and e-mail shows the
 * stored HTML, so all of them render user text the same, safe way.
 * Two locks: markdown-it with raw HTML off (tags become text, javascript:/vbscript:/data:
 * links are refused), then an allowlist sanitiser that keeps only the tags and attributes
 * below, whatever the first step let through.
 */
const allowedBase: sanitizeHtmlType.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    span: ['class', 'data-user-id'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedClasses: { span: ['mention'] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
};

/**
 * markdown-it and sanitize-html (with postcss) are loaded on the first text rendered, not at
 * start-up: together they hold ~10 MB that an idle server does not need.
 */
let renderer: {
  md: InstanceType<typeof MarkdownItType>;
  sanitize: typeof sanitizeHtmlType;
  allowed: sanitizeHtmlType.IOptions;
} | null = null;
function loadRenderer() {
  if (renderer) return renderer;
  const require = createRequire(import.meta.url);
  const MarkdownIt = require('markdown-it') as typeof MarkdownItType;
  const sanitize = require('sanitize-html') as typeof sanitizeHtmlType;
  renderer = {
    md: new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false }),
    sanitize,
    allowed: {
      ...allowedBase,
      transformTags: {
        a: sanitize.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
      },
    },
  };
  return renderer;
}

/** The mention markup the editor inserts: `@[Display name](user:<uuid>)`. */
const MENTION = /@\[([^\]\n]{1,100})\]\(user:([0-9a-fA-F-]{36})\)/g;

/** User ids mentioned in a text, each once, in order. */
export function mentionedIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => (m[2] as string).toLowerCase()))];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Renders Markdown to sanitised HTML. Mentions become `<span class="mention">@Name</span>`
 * with the member's current name when known (the typed name otherwise), and plain text never
 * turns into a mention.
 */
export function renderMarkdown(text: string, names: ReadonlyMap<string, string> = new Map()): string {
  // Most tasks are created without a description: nothing to render (and the renderer stays unloaded).
  if (text.trim() === '') return '';
  const found: { id: string; name: string }[] = [];
  // Placeholders carry no Markdown meaning, so the mention survives rendering untouched.
  const prepared = text.replace(MENTION, (_all, typed: string, id: string) => {
    found.push({ id: id.toLowerCase(), name: names.get(id.toLowerCase()) ?? typed });
    return `\u2063M${found.length - 1}\u2063`;
  });
  const { md, sanitize, allowed } = loadRenderer();
  const html = sanitize(md.render(prepared), allowed);
  return html.replace(/\u2063M(\d+)\u2063/g, (_all, index: string) => {
    const mention = found[Number(index)];
    if (!mention) return '';
    return `<span class="mention" data-user-id="${escapeHtml(mention.id)}">@${escapeHtml(mention.name)}</span>`;
  });
}

/** Plain text for notifications and e-mails: Markdown syntax and mention markup flattened. */
export function plainExcerpt(text: string, max = 160): string {
  const flat = text
    .replace(MENTION, (_all, typed: string) => `@${typed}`)
    .replace(/[`*_>#~]|!\[|\]\([^)]*\)|\[/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
