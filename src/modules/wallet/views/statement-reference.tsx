import type { ViewCtx } from '../../../platform/http/pages.ts';
import { isolateAuto } from '../../../platform/i18n/index.ts';
import type { DescribedReference } from '../../../platform/ledger-references.ts';

/**
 * A statement row's reference in words: "طلب #4 — تصميم شعار" linked to the order, "عملية الشحن #12"; as written
 * ("order:4") only when no module describes it. The title is someone's text: isolated in its own direction.
 */
export function StatementReference(props: {
  c: ViewCtx;
  reference: string;
  described: DescribedReference | undefined;
  /** Staff pages: the words without the owner's link, and the reference as written beside them. */
  staff?: boolean;
}) {
  const { c, described: d } = props;
  if (!d)
    return (
      <span dir="ltr" class="font-mono text-xs">
        {props.reference}
      </span>
    );
  const params = typeof d.params.title === 'string' ? { ...d.params, title: isolateAuto(d.params.title) } : d.params;
  const text = c.t(d.label, params);
  if (props.staff)
    return (
      <span>
        {text}{' '}
        <span dir="ltr" class="font-mono text-xs">
          ({props.reference})
        </span>
      </span>
    );
  return d.path ? (
    <a class="link" href={c.href(d.path)}>
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}
