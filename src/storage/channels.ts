// The channel register of the municipal route: partners' recruitment channels (kinds as in Table B.1) and the
// partner accounts tied to them. A channel's slug is the text responses carry in `channel`.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './db.ts';
import { channelPartners, channels, CHANNEL_KINDS, users } from './schema.ts';

export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export { CHANNEL_KINDS };

export const isChannelKind = (value: unknown): value is ChannelKind =>
  typeof value === 'string' && (CHANNEL_KINDS as readonly string[]).includes(value);

export interface Channel {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly kind: ChannelKind;
  readonly municipality: string;
  readonly createdAt: Date;
}

const toChannel = (row: typeof channels.$inferSelect): Channel => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  kind: row.kind as ChannelKind,
  municipality: row.municipality,
  createdAt: row.createdAt,
});

/** Adds a channel; null when its slug is taken (the caller names the conflict). */
export async function insertChannel(
  db: Db,
  input: { slug: string; name: string; kind: ChannelKind; municipality: string; createdBy: number | null },
): Promise<Channel | null> {
  const rows = await db.insert(channels).values(input).onConflictDoNothing({ target: channels.slug }).returning();
  return rows[0] ? toChannel(rows[0]) : null;
}

/** Every channel, by municipality and name. */
export async function listChannels(db: Db): Promise<Channel[]> {
  const rows = await db.select().from(channels).orderBy(asc(channels.municipality), asc(channels.name), asc(channels.slug));
  return rows.map(toChannel);
}

/** Slug → the municipality (or region) of every registered channel. */
export async function channelMunicipalities(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ slug: channels.slug, municipality: channels.municipality }).from(channels);
  return new Map(rows.map((r) => [r.slug, r.municipality]));
}

export async function findChannel(db: Db, slug: string): Promise<Channel | null> {
  const [row] = await db.select().from(channels).where(eq(channels.slug, slug));
  return row ? toChannel(row) : null;
}

/** Ties a partner account to a channel (idempotent): the partner view will show that channel's counts only. */
export async function addChannelPartner(db: Db, channelId: number, userId: number): Promise<void> {
  await db.insert(channelPartners).values({ channelId, userId }).onConflictDoNothing();
}

/** The channels a partner account may see. */
export async function channelsOfPartner(db: Db, userId: number): Promise<Channel[]> {
  const rows = await db
    .select({ channel: channels })
    .from(channelPartners)
    .innerJoin(channels, eq(channelPartners.channelId, channels.id))
    .where(eq(channelPartners.userId, userId))
    .orderBy(asc(channels.slug));
  return rows.map((r) => toChannel(r.channel));
}

/** Unties a partner account from a channel; false when they were not tied. */
export async function removeChannelPartner(db: Db, channelId: number, userId: number): Promise<boolean> {
  const rows = await db
    .delete(channelPartners)
    .where(and(eq(channelPartners.channelId, channelId), eq(channelPartners.userId, userId)))
    .returning({ userId: channelPartners.userId });
  return rows.length > 0;
}

/** The partner accounts tied to a channel, by name. */
export async function partnersOfChannel(db: Db, channelId: number): Promise<{ id: number; username: string }[]> {
  return db
    .select({ id: users.id, username: users.username })
    .from(channelPartners)
    .innerJoin(users, eq(channelPartners.userId, users.id))
    .where(eq(channelPartners.channelId, channelId))
    .orderBy(asc(users.username));
}
