import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { Card, Form, FormAlert, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { CurrentPasswordField, NewPasswordField } from './password-fields.tsx';

/**
 * For an account made with a password someone else knows (the demo admin): the one page it may open until it
 * chooses its own password (accounts/password-gate.ts); then it goes on to where it was going (`next`).
 */
export function NewPasswordPage(props: { c: ViewCtx; state: FormState; next: string }) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('new_password.title')} narrow>
      <Card>
        <PageTitle>{c.t('new_password.title')}</PageTitle>
        <p class="text-sm" data-testid="new-password-intro">
          {c.t('new_password.intro')}
        </p>
        <FormAlert c={c} state={state} />
        <Form c={c} action="/account/new-password" id="new-password-form">
          <input type="hidden" name="next" value={props.next} />
          <CurrentPasswordField c={c} state={state} hint={c.t('new_password.current_hint')} />
          <NewPasswordField c={c} state={state} />
          <button type="submit" class="btn btn-primary w-full">
            {c.t('new_password.submit')}
          </button>
        </Form>
        <form method="post" action={c.href('/logout')} class="mt-2">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <button type="submit" class="btn btn-ghost btn-sm">
            {c.t('new_password.sign_out')}
          </button>
        </form>
      </Card>
    </Layout>
  );
}
