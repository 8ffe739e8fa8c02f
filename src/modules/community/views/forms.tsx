import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { plural, timeAgo } from '../../../platform/i18n/index.ts';
import { Field, Form, FormAlert, PageTitle, SelectField } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { mayPostInSection } from '../policy.ts';
import { BODY_MAX, NEW_ACCOUNT_DAILY, TITLE_MAX, type TopicType, topicPath } from '../rules.ts';
import type { SectionRow, TopicRow } from '../types.ts';
import { sectionName } from './list.tsx';
import { BodyField } from './parts.tsx';

/** Writing a topic (/community/new) or asking a question (/questions/new): what was typed comes back on a refusal. */
export function NewTopicPage(props: { c: ViewCtx; type: TopicType; sections: SectionRow[]; state: FormState; newAccount: boolean }) {
  const { c, state, type } = props;
  const question = type === 'question';
  const heading = c.t(question ? 'community.ask' : 'community.new');
  const usable = props.sections.filter((s) => mayPostInSection(c.user, s) === 'ok');
  return (
    <Layout c={c} title={heading} narrow>
      <PageTitle>{heading}</PageTitle>
      <p class="text-sm opacity-80 mb-3">{c.t(question ? 'community.ask_intro' : 'community.new_intro')}</p>
      {props.newAccount ? (
        <p class="alert alert-info mb-3 text-sm" data-testid="new-account-note">
          {c.t('community.new_account_note', { topics: NEW_ACCOUNT_DAILY.topic, comments: NEW_ACCOUNT_DAILY.comment })}
        </p>
      ) : null}
      <Form c={c} action={question ? '/questions/new' : '/community/new'} class="card bg-base-100 shadow-sm">
        <div class="card-body p-4 md:p-6 gap-2">
          <FormAlert c={c} state={state} />
          {question ? null : (
            <SelectField c={c} state={state} name="sectionId" label={c.t('community.section')}>
              <option value="">{c.t('community.choose_section')}</option>
              {usable.map((s) => (
                <option key={s.id} value={String(s.id)} selected={state.values.sectionId === String(s.id)}>
                  {sectionName(c, s)}
                </option>
              ))}
            </SelectField>
          )}
          <Field
            c={c}
            state={state}
            name="title"
            label={c.t(question ? 'community.question_title_label' : 'community.title_label')}
            hint={c.t('community.title_hint')}
            maxLength={TITLE_MAX}
            dir="auto"
          />
          <BodyField
            c={c}
            state={state}
            id="f-body"
            label={c.t(question ? 'community.question_body_label' : 'community.body_label')}
            value=""
            rows={10}
            max={BODY_MAX}
          />
          <Field c={c} state={state} name="skills" label={c.t('community.skills_label')} hint={c.t('community.skills_hint')} dir="auto" />
          <button type="submit" class="btn btn-primary justify-self-start" data-testid="topic-send">
            {c.t(question ? 'community.ask_send' : 'community.new_send')}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

/** "My topics" (/community/mine): the person's topics and questions, any status but deleted, newest first. */
export function MyTopicsPage(props: { c: ViewCtx; items: TopicRow[]; now: Date }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('community.mine')}>
      <div class="flex flex-wrap items-center justify-between gap-2 mb-4">
        <h1 class="text-2xl md:text-3xl font-bold">{c.t('community.mine')}</h1>
        <div class="flex flex-wrap gap-2">
          <a class="btn btn-sm btn-primary" href={c.href('/community/new')}>
            {c.t('community.new')}
          </a>
          <a class="btn btn-sm btn-outline" href={c.href('/questions/new')}>
            {c.t('community.ask')}
          </a>
        </div>
      </div>
      {props.items.length === 0 ? (
        <p class="alert" data-testid="mine-empty">
          {c.t('community.mine_empty')}
        </p>
      ) : (
        <ul class="grid gap-2" data-testid="mine">
          {props.items.map((t) => (
            <li key={t.id} class="card bg-base-100 shadow-sm" data-testid={`mine-${t.id}`}>
              <div class="card-body p-3 gap-1 min-w-0">
                <p class="font-bold break-words" dir="auto">
                  <span class="badge badge-outline badge-sm me-1 align-middle">{c.t(`community.type.${t.type}`)}</span>
                  <a class="link link-hover" href={c.href(topicPath(t))}>
                    {t.title}
                  </a>
                </p>
                <p class="text-sm opacity-80 flex flex-wrap gap-x-3">
                  <span>
                    {t.type === 'question'
                      ? plural(c.locale, 'community.answers', t.answersCount)
                      : plural(c.locale, 'community.comments', t.commentsCount)}
                  </span>
                  <span>{plural(c.locale, 'community.votes', t.votesCount)}</span>
                  <time datetime={t.createdAt.toISOString()}>{timeAgo(c, t.createdAt, props.now)}</time>
                  {t.status !== 'visible' ? <span class="badge badge-warning badge-sm">{c.t(`community.status.${t.status}`)}</span> : null}
                  {t.lockedAt ? <span class="badge badge-sm">{c.t('community.locked')}</span> : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
