import { Type } from '@fastify/type-provider-typebox';
import type { CommentThread } from './comments.ts';
import { BODY_MAX, BODY_MIN, COMMENT_MAX, COMMENT_MIN, SKILLS_MAX, TITLE_MAX, TITLE_MIN } from './rules.ts';
import type { CommentRow, CommunityPerson, SectionRow, TopicRow } from './types.ts';

/** The community API's schemas (OpenAPI) and the rows as it sends them. Generous outer bounds: the rules answer inside. */

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
export const Person = Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]);

export const Section = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  nameAr: Type.String(),
  nameEn: Type.String(),
  staffOnly: Type.Boolean(),
});

export const TopicBody = Type.Object({
  title: Type.String({ maxLength: 1000, description: `${TITLE_MIN}–${TITLE_MAX} characters` }),
  body: Type.String({
    maxLength: 100_000,
    description: `${BODY_MIN}–${BODY_MAX} characters, the site's simple formatting (paragraphs, lists, code, **bold**, [links](/path) to Kafiil pages); raw HTML is shown as typed`,
  }),
  skills: Type.Optional(
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50, description: `up to ${SKILLS_MAX}, 30 characters each` }),
  ),
});
export const TopicPatch = Type.Partial(TopicBody);
export const CommentBody = Type.Object({
  body: Type.String({ maxLength: 50_000, description: `${COMMENT_MIN}–${COMMENT_MAX} characters` }),
  parentId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'a comment of this topic: one level of replies' }),
  ),
});

export const Created = Type.Object({ id: Type.Integer() });
export const Votes = Type.Object({ votes: Type.Integer(), voted: Type.Boolean() });
export const Edited = Type.Object({ id: Type.Integer(), editedAt: When });

const CommentFields = {
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  author: Person,
  body: Type.String({ description: 'empty when it was taken down (status hidden or deleted)' }),
  status: Type.String(),
  votes: Type.Integer(),
  voted: Type.Boolean(),
  accepted: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: When,
};
export const Comment = Type.Object({ ...CommentFields, replies: Type.Array(Type.Object(CommentFields)) });

const TopicFields = {
  id: Type.Integer(),
  type: Type.String({ description: '`discussion` or `question`' }),
  url: Type.String(),
  section: Type.Union([Section, Type.Null()]),
  title: Type.String(),
  skills: Type.Array(Type.String()),
  author: Person,
  votes: Type.Integer(),
  commentsCount: Type.Integer(),
  answersCount: Type.Integer(),
  acceptedCommentId: Type.Union([Type.Integer(), Type.Null()]),
  locked: Type.Boolean(),
  pinned: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  lastActivityAt: Type.String({ format: 'date-time' }),
};
export const TopicItem = Type.Object(TopicFields);
export const Topic = Type.Object({
  ...TopicFields,
  body: Type.String(),
  status: Type.String(),
  voted: Type.Boolean(),
  following: Type.Boolean(),
  editedAt: When,
  comments: Type.Optional(Type.Array(Comment, { description: 'a discussion: its comments, each with its replies' })),
  answers: Type.Optional(Type.Array(Comment, { description: 'a question: its answers, each with its replies' })),
});
export const TopicList = Type.Object({
  items: Type.Array(TopicItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Object({ n: Type.Integer(), capped: Type.Boolean(), estimated: Type.Boolean() }),
});

export const sectionOut = (s: SectionRow, locale: 'ar' | 'en') => ({
  id: s.id,
  slug: s.slug,
  name: locale === 'ar' ? s.nameAr : s.nameEn,
  nameAr: s.nameAr,
  nameEn: s.nameEn,
  staffOnly: s.staffOnly,
});
export const personOut = (p: CommunityPerson | undefined) => (p ? { username: p.username, displayName: p.displayName } : null);

type Listed = Pick<
  TopicRow,
  | 'id'
  | 'type'
  | 'sectionId'
  | 'title'
  | 'skills'
  | 'authorId'
  | 'votesCount'
  | 'commentsCount'
  | 'answersCount'
  | 'acceptedCommentId'
  | 'lockedAt'
  | 'pinnedAt'
  | 'createdAt'
  | 'lastActivityAt'
>;

export function topicItemOut(
  t: Listed,
  people: Map<number, CommunityPerson>,
  sections: Map<number, SectionRow>,
  locale: 'ar' | 'en',
  url: string,
) {
  const s = t.sectionId ? sections.get(t.sectionId) : undefined;
  return {
    id: t.id,
    type: t.type,
    url,
    section: s ? sectionOut(s, locale) : null,
    title: t.title,
    skills: t.skills,
    author: personOut(people.get(t.authorId)),
    votes: t.votesCount,
    commentsCount: t.commentsCount,
    answersCount: t.answersCount,
    acceptedCommentId: t.acceptedCommentId,
    locked: t.lockedAt !== null,
    pinned: t.pinnedAt !== null,
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
  };
}

export function threadOut(thread: CommentThread[], t: TopicRow, people: Map<number, CommunityPerson>, voted: Set<number>) {
  const one = (r: CommentRow) => ({
    id: r.id,
    parentId: r.parentId,
    author: personOut(people.get(r.authorId)),
    body: r.body,
    status: r.status,
    votes: r.votesCount,
    voted: voted.has(r.id),
    accepted: t.acceptedCommentId === r.id,
    createdAt: r.createdAt.toISOString(),
    editedAt: iso(r.editedAt),
  });
  return thread.map((th) => ({ ...one(th.comment), replies: th.replies.map(one) }));
}

export { iso };
