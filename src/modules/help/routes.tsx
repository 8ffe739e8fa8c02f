import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { newToken, sha256 } from '../../platform/crypto.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { setVoterCookie, voterCookieOf } from '../../platform/http/cookies.ts';
import { csrfValid, formValues, page, redirectTo, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { articleState, isHelpTopic } from './rules.ts';
import { ArticlePage, articlePath, HelpHomePage, SearchPage, TopicPage } from './views.tsx';

/** A visitor's "was this helpful?" cookie: a random token kept a year; only its hash is stored (`v:{sha256}`). */
const VOTER_MAX_AGE = 365 * 24 * 3600;
const TOKEN = /^[\w-]{32,64}$/;

/** Who answers: the signed-in person, else the visitor's cookie (null: none yet). */
export function voterOf(req: FastifyRequest): string | null {
  if (req.user) return `u:${req.user.id}`;
  const token = voterCookieOf(req);
  return token && TOKEN.test(token) ? `v:${sha256(token)}` : null;
}

/** The voter, giving a visitor their cookie first when they have none. */
function voterFor(req: FastifyRequest, reply: FastifyReply): string {
  const known = voterOf(req);
  if (known) return known;
  const token = newToken();
  setVoterCookie(reply, token, VOTER_MAX_AGE);
  return `v:${sha256(token)}`;
}

const one = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The help centre's public pages (مركز المساعدة): topics, search, articles and their "was this helpful?" answers. */
export function helpPages(app: FastifyInstance, services: Services): void {
  const { help } = services;

  page(app, 'GET', '/help', async (req, reply) => sendHtml(reply, <HelpHomePage c={viewCtx(req)} groups={await help.byTopic()} />));

  page(app, 'GET', '/help/search', async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const q = (one(query.q) ?? '').slice(0, 200);
    const topic = isHelpTopic(query.topic) ? query.topic : undefined;
    const r = await help.search({ q, topic, cursor: one(query.cursor), limit: 20 });
    return sendHtml(reply, <SearchPage c={viewCtx(req)} q={q} topic={topic} hits={r.items} next={r.nextCursor} />);
  });

  page(app, 'GET', '/help/:topic', async (req, reply) => {
    const { topic } = req.params as { topic: string };
    if (!isHelpTopic(topic)) throw new AppError('help.not_found');
    const r = await help.search({ topic, limit: 100 });
    return sendHtml(reply, <TopicPage c={viewCtx(req)} topic={topic} articles={r.items} />);
  });

  page(app, 'GET', '/help/articles/:slug', async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const a = await help.article(slug, req.user);
    const [vote, related] = [await help.voteOf(a.id, voterOf(req)), await help.related(a)];
    return sendHtml(reply, <ArticlePage c={viewCtx(req)} a={a} state={articleState(a, help.now())} vote={vote} related={related} />);
  });

  page(app, 'POST', '/help/articles/:slug/vote', async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const v = formValues(req.body);
    if (!csrfValid(req, v._csrf)) throw new AppError('http.csrf');
    if (v.helpful !== 'yes' && v.helpful !== 'no') throw invalid({ helpful: 'help.vote_value_invalid' });
    await help.vote(slug, voterFor(req, reply), v.helpful === 'yes');
    return redirectTo(reply, `${articlePath(slug)}#feedback`);
  });
}
