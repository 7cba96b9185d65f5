/**
 * Well-known stored-XSS payloads (OWASP XSS filter evasion cheat sheet, PortSwigger's XSS cheat
 * sheet, published DOMPurify/sanitiser bypasses and Markdown-specific tricks). Each one, if it
 * ever ran, would set a sentinel the browser test watches: `window.__xss`, the document title
 * "XSS", a dialog, or a request to `/xss-sentinel` on the app's own origin (allowed by the
 * CSP, so a successful injection would be seen even where the CSP lets the request through).
 */

export const SENTINEL_PATH = '/xss-sentinel';

/** JavaScript that marks a successful injection. */
const JS = 'window.__xss=1';

export const xssPayloads: readonly string[] = [
  // Script elements, plain and mangled.
  `<script>${JS}</script>`,
  `<script src="${SENTINEL_PATH}.js"></script>`,
  `<SCRIPT>${JS}</SCRIPT>`,
  `<scr<script>ipt>${JS}</scr</script>ipt>`,
  `<<script>script>${JS}<</script>/script>`,
  '<script>alert(document.domain)</script>',
  `</title><script>${JS}</script>`,
  `</textarea><script>${JS}</script>`,
  `</style><script>${JS}</script>`,
  // Event handlers.
  `<img src=x onerror="${JS}">`,
  `<img src="${SENTINEL_PATH}?img">`,
  `<IMG SRC=x OnErRoR=${JS}>`,
  `<img/src=x/onerror=${JS}>`,
  '<img src=x onerror=&#119;indow.__xss=1>',
  '<img src=x onerror=alert(1)>',
  `<svg onload=${JS}>`,
  "<svg/onload=document.title='XSS'>",
  `<svg><script>${JS}</script></svg>`,
  `<svg><animate onbegin=${JS} attributeName=x dur=1s>`,
  `<body onload=${JS}>`,
  `<details open ontoggle=${JS}>`,
  `<video><source onerror=${JS}>`,
  `<audio src=x onerror=${JS}>`,
  `<input autofocus onfocus=${JS}>`,
  `<marquee onstart=${JS}>`,
  `<div onmouseover="${JS}">hover</div>`,
  // Frames, objects and documents inside documents.
  `<iframe src="javascript:parent.__xss=1">`,
  `<iframe srcdoc="<script>parent.__xss=1</script>">`,
  `<object data="javascript:${JS}">`,
  `<embed src="javascript:${JS}">`,
  `<iframe src="data:text/html,<script>parent.__xss=1</script>">`,
  // javascript:, data: and vbscript: links in HTML.
  `<a href="javascript:${JS}">js</a>`,
  `<a href="jAvAsCrIpT:${JS}">case</a>`,
  `<a href="&#106;avascript:${JS}">entity</a>`,
  `<a href="java&#x09;script:${JS}">tab</a>`,
  `<a href=" javascript:${JS}">space</a>`,
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:window.__xss=1">hex</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  `<svg><a xlink:href="javascript:${JS}"><text y=20>svg</text></a></svg>`,
  `<form action="javascript:${JS}"><button>go</button></form>`,
  `<button formaction="javascript:${JS}">go</button>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${JS}">`,
  `<base href="javascript:${JS}//">`,
  // javascript:, data: and friends in Markdown.
  `[md](javascript:${JS})`,
  `[md](JaVaScRiPt:${JS})`,
  `[md](&#106;avascript:${JS})`,
  `[md](javascript&#58;${JS})`,
  `[md](<javascript:${JS}>)`,
  `[md](java%09script:${JS})`,
  '[md](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[md](vbscript:msgbox(1))',
  `![img](javascript:${JS})`,
  `![img](${SENTINEL_PATH}?mdimg)`,
  `![x](x" onerror="${JS})`,
  `[a](https://a.test "t\\" onmouseover=\\"${JS}")`,
  `<javascript:${JS}>`,
  `javascript:${JS}`,
  `[ref][r]\n\n[r]: javascript:${JS}`,
  `[ref][r2]\n\n[r2]: <javascript:${JS}> "t"`,
  `@[x](user:00000000-0000-4000-8000-000000000000)<img src=x onerror=${JS}>`,
  // Styles.
  `<div style="background:url(javascript:${JS})">bg</div>`,
  `<div style="width:expression(${JS})">expr</div>`,
  `<style>@import "${SENTINEL_PATH}.css";</style>`,
  `<link rel=stylesheet href="${SENTINEL_PATH}.css">`,
  // Template and mutation XSS.
  `<template><img src=x onerror=${JS}></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${JS}>">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${JS}>`,
  `<svg></p><style><a id="</style><img src=1 onerror=${JS}>">`,
  `<form><math><mtext></form><form><mglyph><svg><mtext><style><img src=x onerror=${JS}>`,
  `{{constructor.constructor('${JS}')()}}`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is a literal template placeholder.
  '${window.__xss=1}',
  // Attribute and context breakouts.
  `"><script>${JS}</script>`,
  `'><img src=x onerror=${JS}>`,
  `" onmouseover="${JS}" x="`,
  `' onfocus='${JS}' autofocus='`,
  `"><svg onload=${JS}>`,
  // Encoded variants.
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '&#60;img src=x onerror=window.__xss=1&#62;',
  '\\u003cimg src=x onerror=window.__xss=1\\u003e',
  '%3Cscript%3Ewindow.__xss=1%3C/script%3E',
  '\uFF1Cscript\uFF1Ewindow.__xss=1\uFF1C/script\uFF1E',
  `<scr\u200Bipt>${JS}</script>`,
  `\u202E<img src=x onerror=${JS}>`,
];

/** Payloads without line breaks that fit a field of at most `max` characters. */
export function singleLine(max: number, extra: (p: string) => boolean = () => true): string[] {
  return xssPayloads.filter((p) => !p.includes('\n') && [...p].length <= max && extra(p));
}

/**
 * Every payload, packed into as few texts of at most `max` characters as possible (blank lines
 * between them, so each Markdown payload stands in a paragraph of its own).
 */
export function packed(max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const p of xssPayloads) {
    const next = current ? `${current}\n\n${p}` : p;
    if ([...next].length <= max) current = next;
    else {
      if (current) out.push(current);
      current = p;
    }
  }
  if (current) out.push(current);
  return out;
}
