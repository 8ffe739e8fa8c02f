import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import {
  emptyForm,
  type FormState,
  type FormValues,
  form,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  viewCtx,
} from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { ContestDecidePage, ContestsDecideQueuePage } from './admin-decide-views.tsx';
import { mayResolveContestDisputes } from './policy.ts';
import { PLACES_MAX } from './rules.ts';

/** The contest's page with a refused form's state (routes.tsx renders it). */
type ContestPageOf = (req: FastifyRequest, contestId: string, state: FormState) => Promise<VNode>;

/**
 * Disputes over a place's handover, and staff's decisions (RULES.md "Contests"): the owner or the winner opens a
 * dispute from the contest's page; staff's queue
 * (/admin/contests/decide: contests whose owner did not pick in time, disputed places) and a contest's decision
 * page, where staff award the places or refund the prize, and pay, refund or send back a disputed place.
 */
export function contestDisputePages(app: FastifyInstance, services: Services, contestPage: ContestPageOf): void {
  const { contestEntries, contestDisputes, contestFiles, accounts } = services;

  const idOf = (req: FastifyRequest, name: 'id' | 'awardId', code: string) => {
    const id = parseId((req.params as Record<string, string>)[name]);
    if (id === null) throw new AppError(code);
    return id;
  };

  // ——— the two sides: a dispute opened from the contest's page (refused: the page again, with what was typed) ———
  form(app, '/contests/awards/:awardId/dispute', {
    auth: true,
    render: async (req, state) => {
      const a = await contestEntries.awardById(parseId((req.params as { awardId: string }).awardId) ?? 0);
      return contestPage(req, String(a?.contestId ?? 0), state);
    },
    handle: async (req, values, reply) => {
      const a = await contestDisputes.open(requireUser(req), idOf(req, 'awardId', 'contest.award_not_found'), { reason: values.reason });
      return redirectTo(reply, `/contests/${a.contestId}#awards`, 'contests.dispute.opened');
    },
  });

  // ——— staff: what waits for them, and one contest's decisions ———
  const people = async (ids: number[]) => accounts.publicByIds([...new Set(ids)]);

  page(app, 'GET', '/admin/contests/decide', async (req, reply) => {
    const q = await contestDisputes.queue(requireUser(req));
    const who = await people(q.contests.map((k) => k.ownerId));
    return sendHtml(reply, <ContestsDecideQueuePage c={viewCtx(req)} waiting={q.contests} disputes={q.disputes} people={who} />);
  });

  const decideView = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    const { contest: k, awards, entries } = await contestDisputes.forStaff(user, idOf(req, 'id', 'contest.not_found'));
    const [cards, handovers, who] = await Promise.all([
      Promise.all(entries.map((e) => contestFiles.ofEntry(user, e.id))),
      Promise.all(
        awards.map(
          async (a) =>
            [a.id, (await contestDisputes.handoverFiles(user, a, k)).map((f) => ({ id: f.id, name: f.name, size: f.size }))] as const,
        ),
      ),
      people([k.ownerId, ...entries.map((e) => e.userId), ...awards.map((a) => a.winnerId)]),
    ]);
    return (
      <ContestDecidePage
        c={viewCtx(req)}
        k={k}
        awards={awards}
        entries={entries.map((row, i) => ({ row, cards: cards[i] }))}
        people={who}
        handovers={new Map(handovers)}
        state={state}
      />
    );
  };

  /** The staff form's picks: the entry chosen for each place (a place left unchosen is missing, and refused). */
  const picksOf = (v: FormValues) =>
    Array.from({ length: PLACES_MAX }, (_, i) => ({ place: i + 1, entryId: parseId(v[`place${i + 1}`] ?? '') })).filter(
      (p): p is { place: number; entryId: number } => p.entryId !== null,
    );

  page(app, 'GET', '/admin/contests/:id/decide', async (req, reply) => sendHtml(reply, await decideView(req, emptyForm)));
  form(app, '/admin/contests/:id/decide', {
    auth: true,
    render: decideView,
    handle: async (req, v, reply) => {
      const user = requireUser(req);
      const id = idOf(req, 'id', 'contest.not_found');
      if (v.action === 'refund') {
        await contestEntries.decide(user, id, { refund: true, reason: v.reason ?? '' });
        return redirectTo(reply, '/admin/contests/decide', 'contests.staff.refunded');
      }
      await contestEntries.decide(user, id, { picks: picksOf(v) });
      return redirectTo(reply, '/admin/contests/decide', 'contests.staff.awarded');
    },
  });

  form(app, '/admin/contests/:id/disputes/:awardId', {
    auth: true,
    render: decideView,
    handle: async (req, v, reply) => {
      const user = requireUser(req);
      if (!mayResolveContestDisputes(user)) throw new AppError('auth.forbidden');
      const id = idOf(req, 'id', 'contest.not_found');
      const awardId = idOf(req, 'awardId', 'contest.award_not_found');
      const a = await contestEntries.awardById(awardId);
      if (!a || a.contestId !== id) throw new AppError('contest.award_not_found');
      await contestDisputes.decide(user, awardId, { decision: v.decision, reason: v.reason }, req.ip);
      return redirectTo(reply, `/admin/contests/${id}/decide#award-${awardId}`, 'contests.dispute.decided_flash');
    },
  });
}
