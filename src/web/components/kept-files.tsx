import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { FieldError, fileSize } from '../components.tsx';

/**
 * A multipart form's attachments: the files kept so far (each posted back as `fileIds`, with a `removeFile` box) and
 * a file input (`files`) while there is room for more, with the hint and the field's error (`errorField`). The
 * route keeps them through a refusal and removes the ticked ones with the save (projects', contests' forms).
 */
export function KeptFilesField(props: {
  c: ViewCtx;
  state: FormState;
  /** The files kept: a link to each when `hrefOf` gives one (a saved draft), else its name. */
  files: { id: number; name: string; size?: number }[];
  hrefOf?: (fileId: number) => string | null;
  max: number;
  hint: string;
  addLabel: string;
  removeLabel: string;
  /** The state's key of the files' problem (`files`, `fileIds`). */
  errorField: string;
  errorParams?: Record<string, string | number>;
  testId?: string;
}) {
  const { c, state } = props;
  const err = state.errors[props.errorField];
  const id = `f-${props.errorField}`;
  return (
    <>
      <p id={`${id}-hint`} class="text-sm opacity-80">
        {props.hint}
      </p>
      {props.files.length ? (
        <ul class="space-y-1" data-testid="kept-files">
          {props.files.map((f) => {
            const href = props.hrefOf?.(f.id) ?? null;
            return (
              <li key={f.id} class="flex flex-wrap items-center gap-3 text-sm">
                <input type="hidden" name="fileIds" value={String(f.id)} />
                {href ? (
                  <a class="link break-all" href={c.href(href)} dir="auto">
                    {f.name}
                  </a>
                ) : (
                  <span class="break-all" dir="auto">
                    {f.name}
                  </span>
                )}
                {f.size !== undefined ? <span class="opacity-70">{fileSize(c, f.size)}</span> : null}
                <label class="flex items-center gap-1 cursor-pointer">
                  <input type="checkbox" name="removeFile" value={String(f.id)} class="checkbox checkbox-sm" />
                  {props.removeLabel}
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}
      {props.files.length < props.max ? (
        <input
          id={id}
          name="files"
          type="file"
          multiple
          aria-label={props.addLabel}
          aria-describedby={`${id}-hint${err ? ` ${id}-err` : ''}`}
          aria-invalid={err ? 'true' : undefined}
          class={`file-input w-full ${err ? 'file-input-error' : ''}`}
          data-testid={props.testId}
        />
      ) : null}
      <FieldError c={c} state={state} name={props.errorField} id={id} params={props.errorParams} />
    </>
  );
}
