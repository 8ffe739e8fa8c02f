/** The kinds of people a policy table asks about: nobody, two plain users, and each staff role. */
export const OWNER = { id: 1, roles: [] as string[] };
export const OTHER = { id: 2, roles: [] as string[] };
export const ADMIN = { id: 10, roles: ['admin'] };
export const MODERATOR = { id: 11, roles: ['moderator'] };
export const SUPPORT = { id: 12, roles: ['support'] };
export const FINANCE = { id: 13, roles: ['finance'] };

export const ACTORS = { nobody: null, owner: OWNER, other: OTHER, admin: ADMIN, moderator: MODERATOR, support: SUPPORT, finance: FINANCE };
export type ActorKind = keyof typeof ACTORS;
export const KINDS = Object.keys(ACTORS) as ActorKind[];

/** Expands a row of allowed actor kinds into one case per kind: [kind, expected]. */
export function table(allowed: readonly ActorKind[]): [ActorKind, boolean][] {
  return KINDS.map((k) => [k, allowed.includes(k)]);
}
