import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import {
  emptyForm,
  type FormState,
  form,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  type ViewCtx,
  viewCtx,
} from '../../platform/http/pages.ts';
import { plural } from '../../platform/i18n/index.ts';
import { SYNONYM_LIMITS, type SynonymGroups, synonymsText } from '../../platform/search/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Card, Field, Form, FormAlert } from '../../web/components.tsx';

function SynonymsPage(props: { c: ViewCtx; groups: SynonymGroups; isDefault: boolean; state: FormState }) {
  const { c, state } = props;
  return (
    <AdminShell c={c} title={c.t('synonyms.title')}>
      <Card>
        <p class="text-sm">{c.t('synonyms.intro')}</p>
        <p class="text-sm" data-testid="synonyms-summary">
          {plural(c.locale, 'synonyms.groups', props.groups.length)}
          {props.isDefault ? ` · ${c.t('synonyms.default')}` : ''}
        </p>
        <FormAlert c={c} state={state} />
        <Form c={c} action="/admin/synonyms">
          <Field
            c={c}
            state={state}
            name="synonyms"
            label={c.t('synonyms.field')}
            hint={c.t('synonyms.hint', { max: SYNONYM_LIMITS.terms })}
            value={synonymsText(props.groups)}
            textarea
            rows={18}
            dir="auto"
          />
          <button type="submit" class="btn btn-primary w-full sm:w-auto" data-testid="synonyms-save">
            {c.t('common.save')}
          </button>
        </Form>
      </Card>
    </AdminShell>
  );
}

/** Staff edit the search synonyms (RULES: colloquial and loan words find what people mean); each change is audited. */
export function synonymsAdminRoutes(app: FastifyInstance, services: Services): void {
  const { catalog } = services;
  const view = async (req: FastifyRequest, state: FormState) => {
    const { groups, isDefault } = await catalog.synonyms(requireUser(req));
    return SynonymsPage({ c: viewCtx(req), groups, isDefault, state });
  };
  page(app, 'GET', '/admin/synonyms', async (req, reply) => sendHtml(reply, await view(req, emptyForm)));
  form(app, '/admin/synonyms', {
    auth: true,
    render: view,
    handle: async (req, v, reply) => {
      await catalog.saveSynonyms(requireUser(req), v.synonyms ?? '');
      return redirectTo(reply, '/admin/synonyms', 'synonyms.saved');
    },
  });
}
