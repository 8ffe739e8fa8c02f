import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { type FormState, form, redirectTo, requireUser } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';

/** Renders a contest's page (by its id as typed in the address) with a refused form's state in its place. */
export type ContestPageRender = (req: FastifyRequest, rawId: string, actionState: FormState) => Promise<VNode>;

/**
 * The forms on a contest's page besides entering, picking and the handover (routes.tsx): the owner rates and
 * shortlists an entry, extends the deadline once or ends early; an entry's author withdraws it; the owner and the
 * author write on the entry's private thread; a comment's author edits it. A refused form comes back on the page
 * with what was typed and why (its hidden `form` field says which form it was).
 */
export function contestEntryPages(app: FastifyInstance, services: Services, contestPage: ContestPageRender): void {
  const { contestEntries, contestComments, contestNotes } = services;

  const idParam = (req: FastifyRequest, name: string, missing: string): number => {
    const id = parseId((req.params as Record<string, string>)[name]);
    if (id === null) throw new AppError(missing);
    return id;
  };
  /** The contest an entry belongs to (its page is where the entry's forms come back). */
  const contestOfEntry = async (req: FastifyRequest): Promise<string> => {
    const found = await contestEntries.entryForModeration(idParam(req, 'entryId', 'contest.entry_not_found'));
    if (!found) throw new AppError('contest.entry_not_found');
    return String(found.c.id);
  };
  const onEntryPage = async (req: FastifyRequest, state: FormState) => contestPage(req, await contestOfEntry(req), state);

  form(app, '/contests/entries/:entryId/rate', {
    auth: true,
    render: onEntryPage,
    handle: async (req, v, reply) => {
      const rating = v.rating ? Number(v.rating) : null;
      const e = await contestEntries.rate(requireUser(req), idParam(req, 'entryId', 'contest.entry_not_found'), {
        rating,
        shortlisted: v.shortlisted === 'on',
      });
      return redirectTo(reply, `/contests/${e.contestId}#entry-${e.id}`, 'contests.rated_flash');
    },
  });

  form(app, '/contests/entries/:entryId/withdraw', {
    auth: true,
    render: onEntryPage,
    handle: async (req, _v, reply) => {
      const e = await contestEntries.withdraw(requireUser(req), idParam(req, 'entryId', 'contest.entry_not_found'));
      return redirectTo(reply, `/contests/${e.contestId}#entries-h`, 'contests.withdrawn');
    },
  });

  form(app, '/contests/entries/:entryId/notes', {
    auth: true,
    render: onEntryPage,
    handle: async (req, v, reply) => {
      const n = await contestNotes.note(requireUser(req), idParam(req, 'entryId', 'contest.entry_not_found'), { body: v.body });
      return redirectTo(reply, `/contests/${n.contestId}#note-${n.id}`, 'contests.note_sent');
    },
  });

  form(app, '/contests/:id/extend', {
    auth: true,
    render: (req, state) => contestPage(req, (req.params as { id: string }).id, state),
    handle: async (req, v, reply) => {
      const k = await contestEntries.extend(requireUser(req), idParam(req, 'id', 'contest.not_found'), Number(v.days));
      return redirectTo(reply, `/contests/${k.id}`, 'contests.extended');
    },
  });

  form(app, '/contests/:id/end-early', {
    auth: true,
    render: (req, state) => contestPage(req, (req.params as { id: string }).id, state),
    handle: async (req, _v, reply) => {
      const k = await contestEntries.endEarly(requireUser(req), idParam(req, 'id', 'contest.not_found'));
      return redirectTo(reply, `/contests/${k.id}#awards`, 'contests.ended_early');
    },
  });

  form(app, '/contests/comments/:commentId/edit', {
    auth: true,
    render: async (req, state) => {
      const row = await contestComments.byId(idParam(req, 'commentId', 'contest.comment_not_found'));
      if (!row) throw new AppError('contest.comment_not_found');
      return contestPage(req, String(row.contestId), state);
    },
    handle: async (req, v, reply) => {
      const row = await contestComments.edit(requireUser(req), idParam(req, 'commentId', 'contest.comment_not_found'), { body: v.body });
      return redirectTo(
        reply,
        `/contests/${row.contestId}#${row.entryId ? `note-${row.id}` : `comment-${row.id}`}`,
        'contests.comment_edited',
      );
    },
  });
}
