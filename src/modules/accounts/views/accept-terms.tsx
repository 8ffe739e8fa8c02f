import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';

/**
 * The sign-up's consent (policy 3): the box to accept the terms and the privacy policy, linked, and the versions
 * shown, posted back so the ones accepted are recorded (the sign-up form and the OpenID completion form).
 */
export function AcceptTermsField(props: { c: ViewCtx; state: FormState; termsVersion: number; privacyVersion: number }) {
  const { c, state } = props;
  return (
    <div class="fieldset">
      <label class="label gap-2 whitespace-normal">
        <input
          type="checkbox"
          name="acceptTerms"
          value="yes"
          class="checkbox checkbox-primary"
          checked={state.values.acceptTerms === 'yes'}
          aria-invalid={state.errors.acceptTerms ? 'true' : undefined}
        />
        <span>
          {c.t('signup.accept_prefix')}{' '}
          <a class="link link-primary" href={c.href('/terms')} target="_blank" rel="noopener">
            {c.t('footer.terms')}
          </a>{' '}
          {c.t('signup.accept_and')}{' '}
          <a class="link link-primary" href={c.href('/privacy')} target="_blank" rel="noopener">
            {c.t('footer.privacy')}
          </a>
        </span>
      </label>
      <input type="hidden" name="termsVersion" value={String(props.termsVersion)} />
      <input type="hidden" name="privacyVersion" value={String(props.privacyVersion)} />
      {state.errors.acceptTerms ? (
        <p class="text-error text-sm" data-testid="error-acceptTerms">
          {c.t(state.errors.acceptTerms)}
        </p>
      ) : null}
    </div>
  );
}
