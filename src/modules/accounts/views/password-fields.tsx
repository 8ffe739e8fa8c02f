import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { Field } from '../../../web/components.tsx';

/** The current password, asked before a change (the settings page, the first sign-in of a one-time password). */
export function CurrentPasswordField(props: { c: ViewCtx; state: FormState; hint?: string }) {
  const { c } = props;
  return (
    <Field
      c={c}
      state={props.state}
      name="current"
      type="password"
      label={c.t('field.current_password')}
      hint={props.hint}
      autocomplete="current-password"
      dir="ltr"
      required
    />
  );
}

/** A new password with the rules it must meet (the settings page, a reset, a one-time password's replacement). */
export function NewPasswordField(props: { c: ViewCtx; state: FormState }) {
  const { c } = props;
  return (
    <Field
      c={c}
      state={props.state}
      name="password"
      type="password"
      label={c.t('field.new_password')}
      hint={c.t('signup.password_hint')}
      autocomplete="new-password"
      dir="ltr"
      required
    />
  );
}
