import type { ModuleManifest } from '../../platform/module.ts';
import { homeMessages } from './messages.ts';

export { homePages } from './routes.tsx';

/**
 * The home page (`/`): the marketplace for a visitor, the dashboard when signed in. It only reads the other
 * modules (through their index.ts) and has no tables or service of its own; nothing imports it but app.ts.
 */
export const homeModule: ModuleManifest = {
  name: 'home',
  messages: [homeMessages],
};
