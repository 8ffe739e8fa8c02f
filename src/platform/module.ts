import type { Db, DbOrTx } from './db/index.ts';
import type { Messages } from './i18n/index.ts';
import type { LedgerReference } from './ledger-references.ts';
import type { Permission } from './staff.ts';

/** A tab of the admin area: shown to staff who hold `permission`, in `order` (smaller first). */
export interface AdminTab {
  /** Message key of the tab's label. */
  label: string;
  path: string;
  permission: Permission;
  order: number;
  /** Other folders whose pages belong to this tab (a finance transaction's page to the ledger's tab). */
  also?: readonly string[];
  /** Only `path` itself is this tab's page, not the pages under it (the dashboard, /admin). */
  exact?: boolean;
  /** The tab's queue, for the admin dashboard (/admin): what waits in it, counted by the module that owns it. */
  queue?: AdminQueue;
}

/** A queue of work waiting for staff, as the admin dashboard shows it: a count and a link to the tab. */
export interface AdminQueue {
  /** Message key of the dashboard's line, in plural forms (`key.one`, `key.other`…) with `{count}` (i18n `plural`). */
  label: string;
  /** How many items wait in the queue now. */
  count: (db: Db) => Promise<number>;
}

/**
 * What a module registers for the rest of the site to show, instead of being listed by it: its messages,
 * its notification types (type → the mail topic a user can switch off, or 'always'), its admin tabs, its ledger
 * references and its part of a legal export.
 * Each module's `index.ts` exports one; `app.ts` registers them all at start. Report targets need the
 * module's service, so they are registered with the moderation service in `createServices` (see trust).
 */
export interface ModuleManifest {
  name: string;
  messages?: Messages[];
  notificationTypes?: Readonly<Record<string, string>>;
  adminTabs?: readonly AdminTab[];
  /** What its ledger references ("order:42") are, for the wallet's statement (platform/ledger-references.ts). */
  ledgerReferences?: Readonly<Record<string, LedgerReference>>;
  /**
   * This module's part of a legal export (the admin module's, privacy policy 2): what it holds about the user,
   * read from its own tables in the export's transaction (`tx`), each select naming its columns — never a secret
   * (password or token hashes, TOTP secrets, recovery codes, checkout secrets). Its keys become the export's
   * top-level keys, so two modules never share one. It only reads: the export writes its one audit row itself.
   */
  userData?: (tx: DbOrTx, userId: number) => Promise<Record<string, unknown>>;
}
