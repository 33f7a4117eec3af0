// Researcher accounts, their login sessions and the audit log. A session ends when it expires, when it has
// been idle too long, when its account is disabled, and when the account's password changes (every
// session of the account, in every process: the check is in the query that finds the session).
import { and, asc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { auditLog, userSessions, users } from './schema.ts';
import { hashSecret, newSecret } from './tokens.ts';

export type Role = 'admin' | 'researcher' | 'qualitative' | 'partner';

export const ROLES: readonly Role[] = ['admin', 'researcher', 'qualitative', 'partner'];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export interface User {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
}

export interface UserWithHash extends User {
  readonly passwordHash: string;
  readonly disabled: boolean;
}

export interface UserListing extends User {
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly passwordChangedAt: Date;
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length;
}

export async function createUser(db: Db, input: { username: string; passwordHash: string; role: Role }): Promise<User> {
  const [row] = await db.insert(users).values(input).returning();
  return { id: row!.id, username: row!.username, role: row!.role as Role };
}

export async function findUserByName(db: Db, username: string): Promise<UserWithHash | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row
    ? { id: row.id, username: row.username, role: row.role as Role, passwordHash: row.passwordHash, disabled: row.disabledAt !== null }
    : null;
}

/** Every account, by name. */
export async function listUsers(db: Db): Promise<UserListing[]> {
  const rows = await db.select().from(users).orderBy(asc(users.username));
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    role: r.role as Role,
    disabled: r.disabledAt !== null,
    createdAt: r.createdAt,
    passwordChangedAt: r.passwordChangedAt,
  }));
}

/** A new password: stored hashed, and every session of the account ends. False when there is no such account. */
export async function setPassword(db: Db, userId: number, passwordHash: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: sql`clock_timestamp()` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    await tx.delete(userSessions).where(eq(userSessions.userId, userId));
    return rows.length === 1;
  });
}

/** The same password hashed again with today's parameters (at login): sessions stay. */
export async function replaceHash(db: Db, userId: number, oldHash: string, newHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: newHash })
    .where(and(eq(users.id, userId), eq(users.passwordHash, oldHash)));
}

/** Disables an account (its sessions end) or enables it again. False when there is no such account. */
export async function setDisabled(db: Db, userId: number, disabled: boolean): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({ disabledAt: disabled ? sql`now()` : null })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (disabled) await tx.delete(userSessions).where(eq(userSessions.userId, userId));
    return rows.length === 1;
  });
}

export interface UserSession {
  readonly user: User;
  readonly csrfToken: string;
}

/** Opens a login session; returns the cookie secret (stored hashed) and its CSRF token. */
export async function createSession(
  db: Db,
  userId: number,
  ttlMs: number,
  now = new Date(),
): Promise<{ secret: string; csrfToken: string }> {
  const secret = newSecret(32);
  const csrfToken = newSecret(24);
  await db.delete(userSessions).where(lt(userSessions.expiresAt, now));
  await db.insert(userSessions).values({
    idHash: hashSecret(secret),
    userId,
    csrfToken,
    expiresAt: new Date(now.getTime() + ttlMs),
    lastSeenAt: now,
  });
  return { secret, csrfToken };
}

/** How often a session's last request is written down (not on every request). */
const TOUCH_EVERY_MS = 60_000;

/**
 * The live session behind a cookie secret: not expired, used within `idleMs`, of an enabled account whose
 * password has not changed since the session began. Marks it as used now.
 */
export async function findSession(db: Db, secret: string, options: { now?: Date; idleMs: number }): Promise<UserSession | null> {
  const now = options.now ?? new Date();
  const idHash = hashSecret(secret);
  const [row] = await db
    .select({
      csrfToken: userSessions.csrfToken,
      lastSeenAt: userSessions.lastSeenAt,
      id: users.id,
      username: users.username,
      role: users.role,
    })
    .from(userSessions)
    .innerJoin(users, eq(userSessions.userId, users.id))
    .where(
      and(
        eq(userSessions.idHash, idHash),
        gt(userSessions.expiresAt, now),
        gt(userSessions.lastSeenAt, new Date(now.getTime() - options.idleMs)),
        isNull(users.disabledAt),
        gte(userSessions.createdAt, users.passwordChangedAt),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.idHash, idHash));
  }
  return { csrfToken: row.csrfToken, user: { id: row.id, username: row.username, role: row.role as Role } };
}

export async function deleteSession(db: Db, secret: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.idHash, hashSecret(secret)));
}

export async function audit(db: Db, entry: { userId: number | null; action: string; detail?: Record<string, unknown> }): Promise<void> {
  await db.insert(auditLog).values({ userId: entry.userId, action: entry.action, detail: entry.detail ?? {} });
}
