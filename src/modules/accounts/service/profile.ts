import { and, eq, isNull } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { verifyPassword } from '../../../platform/crypto.ts';
import { files } from '../../../platform/db/tables.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { avatarImage, PUBLIC_ID, safeFileName } from '../../../platform/files.ts';
import type { AuthUser } from '../../../platform/http/auth.ts';
import { resolveCountry } from '../../../platform/i18n/countries.ts';
import { cleanLine } from '../../../platform/text.ts';
import type { TrustService } from '../../trust/index.ts';
import { BIO_MAX, DISPLAY_NAME_MAX, MAX_LANGUAGES, MAX_SKILLS, parseList, SKILL_MAX } from '../rules.ts';
import { sessions, users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';
import { contactsInProfile, foundText, searchTextOf } from './profile-text.ts';

/** A user's own profile: its texts, the avatar, and deactivating the account. */
export function profileService(ctx: AccountsContext, trust: Pick<TrustService, 'recordAttempt' | 'assertAllowed'>) {
  const { deps, db, clock, byId } = ctx;
  return {
    /** Edits the profile. The username is identity and never changes (policy 8). */
    async updateProfile(
      actor: AuthUser,
      input: {
        displayName?: unknown;
        bio?: unknown;
        country?: unknown;
        skills?: unknown;
        languages?: unknown;
        username?: unknown;
        locale?: unknown;
      },
    ): Promise<UserRow> {
      if (input.username !== undefined) {
        throw new AppError('account.username_immutable', {}, { username: 'account.username_immutable' });
      }
      const u = await byId(actor.id);
      const fields: Record<string, string> = {};
      const displayName = input.displayName === undefined ? u.displayName : cleanLine(input.displayName);
      if (!displayName || displayName.length > DISPLAY_NAME_MAX) fields.displayName = 'account.display_name_invalid';
      const bio = input.bio === undefined ? u.bio : typeof input.bio === 'string' ? input.bio.trim() : '';
      if (bio.length > BIO_MAX) fields.bio = 'account.bio_too_long';
      let country = u.country;
      if (input.country !== undefined) {
        // A code or a name in Arabic or English («مصر», "Egypt", "EG"): stored as the ISO 3166-1 alpha-2 code.
        const c = resolveCountry(input.country);
        if (c === null) fields.country = 'account.country_invalid';
        country = c ?? null;
      }
      const skills = input.skills === undefined ? u.skills : parseList(input.skills as string | string[]);
      if (skills.length > MAX_SKILLS || skills.some((s) => s.length > SKILL_MAX)) fields.skills = 'account.skills_invalid';
      const languages = input.languages === undefined ? u.languages : parseList(input.languages as string | string[]);
      if (languages.length > MAX_LANGUAGES || languages.some((s) => s.length > SKILL_MAX)) fields.languages = 'account.languages_invalid';
      let locale = u.locale;
      if (input.locale !== undefined) {
        if (input.locale !== 'ar' && input.locale !== 'en') fields.locale = 'account.locale_invalid';
        else locale = input.locale;
      }
      // Contact details may not be published on a profile (privacy policy): refused naming what was found, and
      // the attempt recorded against the user (three in 30 days open a moderation case).
      // A profile is public content: a posting (or full) sanction stops changes to its texts (not to the language).
      const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
      if (displayName !== u.displayName || bio !== u.bio || !same(skills, u.skills) || !same(languages, u.languages))
        await trust.assertAllowed(actor.id, 'posting');
      const contacts = contactsInProfile({ displayName, bio, skills, languages });
      for (const field of Object.keys(contacts)) fields[field] = 'trust.contact_info';
      if (Object.keys(contacts).length) await trust.recordAttempt(actor.id, 'profile', Object.values(contacts).flat());
      if (Object.keys(fields).length) {
        throw invalid(fields, {
          found: foundText(contacts),
          max: DISPLAY_NAME_MAX,
          bioMax: BIO_MAX,
          skills: MAX_SKILLS,
          languages: MAX_LANGUAGES,
          skillMax: SKILL_MAX,
        });
      }
      const [updated] = await db
        .update(users)
        .set({
          displayName,
          bio,
          country,
          skills,
          languages,
          locale,
          searchText: searchTextOf({ displayName, username: u.username, skills }),
          updatedAt: clock(),
        })
        .where(eq(users.id, u.id))
        .returning();
      return updated;
    },

    /**
     * Replaces the avatar with the image re-encoded (platform/files.ts `avatarImage`: a 256 px square WebP, no
     * metadata, refused past 40 megapixels before decoding); a failure leaves no orphan file. The new picture gets a
     * new random address (`/avatars/{publicId}`); the old file goes.
     */
    async setAvatar(actor: AuthUser, upload: { name: string; bytes: Buffer }): Promise<void> {
      if (upload.bytes.length === 0) throw invalid({ avatar: 'file.empty' });
      if (upload.bytes.length > 2 * 1024 * 1024) throw invalid({ avatar: 'file.too_large' }, { max: '2 MB' });
      const bytes = await avatarImage(upload.bytes);
      const key = await deps.storage.put(bytes);
      let oldKey: string | null = null;
      try {
        await db.transaction(async (tx) => {
          const u = await byId(actor.id, tx);
          const [f] = await tx
            .insert(files)
            .values({
              ownerId: actor.id,
              storageKey: key,
              name: safeFileName(upload.name, 'avatar'),
              type: 'image/webp',
              size: bytes.length,
              purpose: 'avatar',
            })
            .returning({ id: files.id, publicId: files.publicId });
          if (u.avatarFileId) {
            const [old] = await tx.delete(files).where(eq(files.id, u.avatarFileId)).returning({ storageKey: files.storageKey });
            oldKey = old?.storageKey ?? null;
          }
          await tx.update(users).set({ avatarFileId: f.id, avatarPublicId: f.publicId, updatedAt: clock() }).where(eq(users.id, actor.id));
        });
      } catch (err) {
        await deps.storage.remove(key);
        throw err;
      }
      if (oldKey) await deps.storage.remove(oldKey);
    },

    /** An avatar by its public id, while its user's profile is public (not deactivated); null otherwise. */
    async avatar(publicId: string): Promise<{ bytes: Buffer; type: string } | null> {
      if (!PUBLIC_ID.test(publicId)) return null;
      const [row] = await db
        .select({ key: files.storageKey, type: files.type })
        .from(files)
        .innerJoin(users, and(eq(users.id, files.ownerId), eq(users.avatarFileId, files.id)))
        .where(and(eq(files.publicId, publicId), eq(files.purpose, 'avatar'), isNull(users.deactivatedAt)));
      if (!row) return null;
      const bytes = await deps.storage.get(row.key);
      return bytes ? { bytes, type: row.type } : null;
    },

    /** Hides the profile; the account, its data and its ledger stay (policy 8). Signing in again reactivates. */
    async deactivate(actor: AuthUser, input: { password: string }): Promise<void> {
      const u = await byId(actor.id);
      if (!(await verifyPassword(u.passwordHash, input.password ?? ''))) {
        throw invalid({ password: 'account.current_password_wrong' });
      }
      await db.transaction(async (tx) => {
        await tx.update(users).set({ deactivatedAt: clock(), updatedAt: clock() }).where(eq(users.id, u.id));
        await tx
          .update(sessions)
          .set({ revokedAt: clock() })
          .where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt)));
        await audit(tx, { actorId: u.id, action: 'account.deactivate', targetType: 'user', targetId: u.id });
      });
    },
  };
}
