/**
 * Which items the person behind a page saved, for its hearts (FavoriteButton): loaded once per page by the hook in
 * routes.tsx (only on the pages the kinds name) and kept with the request's signed-in user — the very object a
 * page's ViewCtx carries — so the button needs nothing passed through the module's views. Gone with the request.
 */
const saved = new WeakMap<object, Set<string>>();

export const heartKey = (kind: string, id: number) => `${kind}:${id}`;

/** Remembers the user's saved items for this request. */
export function rememberHearts(user: object, keys: Set<string>): void {
  saved.set(user, keys);
}

/** Whether the item is saved: true or false when known for this request, undefined when not loaded here. */
export function heartOf(user: object | null, kind: string, id: number): boolean | undefined {
  if (!user) return false;
  return saved.get(user)?.has(heartKey(kind, id));
}
