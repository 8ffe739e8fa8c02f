// The site's simple formatting on a page (platform/rich-text.ts parses it): every part an element with its text
// escaped by the renderer, so nothing typed becomes markup. Links are paths of the site, in the page's language.
import type { ViewCtx } from '../../platform/http/pages.ts';
import { type Inline, parseRichText, type RichTextOptions } from '../../platform/rich-text.ts';

function Parts(props: { c: ViewCtx; parts: Inline[]; rel?: string }) {
  return (
    <>
      {props.parts.map((p) =>
        p.t === 'code' ? (
          <code class="bg-base-200 rounded px-1 text-sm" dir="ltr">
            {p.v}
          </code>
        ) : p.t === 'strong' ? (
          <strong>{p.v}</strong>
        ) : p.t === 'link' ? (
          <a class="link link-primary" href={props.c.href(p.href)} rel={props.rel}>
            {p.v}
          </a>
        ) : (
          p.v
        ),
      )}
    </>
  );
}

/** Lines of one block, with the line breaks the writer typed. */
function Lines(props: { c: ViewCtx; lines: Inline[][]; rel?: string }) {
  return (
    <>
      {props.lines.map((l, i) => (
        <>
          {i > 0 ? <br /> : null}
          <Parts c={props.c} parts={l} rel={props.rel} />
        </>
      ))}
    </>
  );
}

/**
 * A long text as the site shows it: paragraphs, lists, code, quotes (and headings where `headings`). `ugc`: written
 * by a user the site does not vouch for yet (a new account), its links marked rel="nofollow ugc".
 */
export function RichText(props: { c: ViewCtx; source: string; ugc?: boolean; class?: string; testId?: string } & RichTextOptions) {
  const { c } = props;
  const rel = props.ugc ? 'nofollow ugc' : undefined;
  return (
    <div class={`space-y-3 break-words ${props.class ?? ''}`} dir="auto" data-testid={props.testId}>
      {parseRichText(props.source, { headings: props.headings }).map((b) => {
        switch (b.t) {
          case 'p':
            return (
              <p>
                <Lines c={c} lines={b.c} rel={rel} />
              </p>
            );
          case 'h2':
            return (
              <h2 class="text-xl font-bold mt-4">
                <Parts c={c} parts={b.c} rel={rel} />
              </h2>
            );
          case 'h3':
            return (
              <h3 class="text-lg font-bold mt-3">
                <Parts c={c} parts={b.c} rel={rel} />
              </h3>
            );
          case 'ul':
          case 'ol': {
            const List = b.t;
            return (
              <List class={`${b.t === 'ul' ? 'list-disc' : 'list-decimal'} ps-6 space-y-1`}>
                {b.items.map((item) => (
                  <li>
                    <Parts c={c} parts={item} rel={rel} />
                  </li>
                ))}
              </List>
            );
          }
          case 'quote':
            return (
              <blockquote class="border-s-4 border-base-300 ps-3 opacity-80">
                <Lines c={c} lines={b.c} rel={rel} />
              </blockquote>
            );
          default: // 'code', the last kind (a `default`: the callback returns on every path)
            return (
              <pre class="bg-base-200 rounded-box p-3 overflow-x-auto text-sm" dir="ltr">
                <code>{b.v}</code>
              </pre>
            );
        }
      })}
    </div>
  );
}
