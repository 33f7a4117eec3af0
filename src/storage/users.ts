// Researcher accounts, their login sessions and the audit log.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from './db.ts';
import { auditLog, userSessions, users } from './schema.ts';
import { hashSecret, newSecret } from './tokens.ts';

export type Role = 'admin' | 'researcher' | 'qualitative' | 'partner';

export interface User {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
}

export interface UserWithHash extends User {
  readonly passwordHash: string;
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
  return row ? { id: row.id, username: row.username, role: row.role as Role, passwordHash: row.passwordHash } : null;
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
  await db.insert(userSessions).values({ idHash: hashSecret(secret), userId, csrfToken, expiresAt: new Date(now.getTime() + ttlMs) });
  return { secret, csrfToken };
}

export async function findSession(db: Db, secret: string, now = new Date()): Promise<UserSession | null> {
  const [row] = await db
    .select({ csrfToken: userSessions.csrfToken, id: users.id, username: users.username, role: users.role })
    .from(userSessions)
    .innerJoin(users, eq(userSessions.userId, users.id))
    .where(and(eq(userSessions.idHash, hashSecret(secret)), gt(userSessions.expiresAt, now)));
  return row ? { csrfToken: row.csrfToken, user: { id: row.id, username: row.username, role: row.role as Role } } : null;
}

export async function deleteSession(db: Db, secret: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.idHash, hashSecret(secret)));
}

export async function audit(db: Db, entry: { userId: number | null; action: string; detail?: Record<string, unknown> }): Promise<void> {
  await db.insert(auditLog).values({ userId: entry.userId, action: entry.action, detail: entry.detail ?? {} });
}
