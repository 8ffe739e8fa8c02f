import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { Card, Field, Form, FormAlert, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';

export function TwoFactorSetupPage(props: { c: ViewCtx; state: FormState; secret: string; otpauthUri: string; qrSvg: string }) {
  const { c, state } = props;
  const qr = `data:image/svg+xml;base64,${Buffer.from(props.qrSvg).toString('base64')}`;
  return (
    <Layout c={c} title={c.t('security.2fa')} narrow>
      <Card>
        <PageTitle>{c.t('security.2fa')}</PageTitle>
        <ol class="list-decimal ps-5 space-y-2 text-sm">
          <li>{c.t('security.2fa_step1')}</li>
          <li>{c.t('security.2fa_step2')}</li>
        </ol>
        <img src={qr} alt={c.t('security.2fa_qr_alt')} width={200} height={200} class="mx-auto bg-white p-2 rounded-box" />
        <p class="text-sm">{c.t('security.2fa_manual')}</p>
        <p dir="ltr" class="font-mono text-center break-all bg-base-200 rounded p-2" data-testid="totp-secret">
          {props.secret}
        </p>
        <FormAlert c={c} state={state} />
        <Form c={c} action="/account/2fa">
          <Field
            c={c}
            state={state}
            name="code"
            label={c.t('field.totp_code')}
            autocomplete="one-time-code"
            dir="ltr"
            maxLength={6}
            required
          />
          <button type="submit" class="btn btn-primary w-full">
            {c.t('security.2fa_enable')}
          </button>
        </Form>
      </Card>
    </Layout>
  );
}

export function RecoveryCodesPage(props: { c: ViewCtx; codes: string[] }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('security.2fa_on')} narrow>
      <Card>
        <PageTitle>{c.t('security.2fa_on')}</PageTitle>
        <p role="status" class="alert alert-warning">
          {c.t('security.recovery_intro')}
        </p>
        <ul dir="ltr" class="grid grid-cols-2 gap-2 font-mono text-center" data-testid="recovery-codes">
          {props.codes.map((code) => (
            <li key={code} class="bg-base-200 rounded p-1">
              {code}
            </li>
          ))}
        </ul>
        <a class="btn btn-primary mt-2" href={c.href('/account/security')}>
          {c.t('security.recovery_done')}
        </a>
      </Card>
    </Layout>
  );
}
