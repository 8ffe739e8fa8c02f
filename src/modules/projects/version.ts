/**
 * A counter every write that changes what the open-projects list shows bumps (approval, take-down, a bid placed,
 * edited or withdrawn, a hire, a close, an expiry): the list's 15 s read cache keys on it, so a change shows at
 * once on the instance that made it and within 15 s on the others (as for services). One counter per process:
 * a bump from any app in it only makes a cached read expire sooner.
 */
let version = 0;
export const listVersion = () => version;
export const listChanged = () => {
  version++;
};
