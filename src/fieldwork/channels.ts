// Registering a recruitment channel: checks the name (slug), kind and municipality once, for the CLI and the
// researcher pages alike, and gives each problem as a result the caller can show (never a thrown 500).
import type { Db } from '../storage/db.ts';
import { insertChannel, isChannelKind, type Channel, type ChannelKind } from '../storage/channels.ts';
import { channelNameProblem, slugify } from './channel-name.ts';

export interface ChannelRequest {
  readonly name: string;
  readonly kind: string;
  readonly municipality: string;
  /** The channel name in links; made from name and municipality when empty. */
  readonly slug?: string | undefined;
  readonly createdBy: number | null;
}

export type ChannelField = 'name' | 'kind' | 'municipality' | 'slug';

export type AddChannelResult =
  | { readonly ok: true; readonly channel: Channel }
  | { readonly ok: false; readonly problems: readonly { readonly field: ChannelField; readonly message: string }[] };

/** Validates and stores a channel; the problems name the field. */
export async function addChannel(db: Db, request: ChannelRequest): Promise<AddChannelResult> {
  const name = request.name.trim();
  const municipality = request.municipality.trim();
  const slug = (request.slug ?? '').trim() || slugify(`${name} ${municipality}`);
  const problems: { field: ChannelField; message: string }[] = [];
  if (name === '' || name.length > 120) problems.push({ field: 'name', message: 'name must be 1 to 120 characters' });
  if (municipality === '' || municipality.length > 80)
    problems.push({ field: 'municipality', message: 'municipality (or region) must be 1 to 80 characters' });
  if (!isChannelKind(request.kind)) problems.push({ field: 'kind', message: `kind must be one of ${CHANNEL_KIND_LIST}` });
  const slugProblem = channelNameProblem(slug);
  if (slugProblem) problems.push({ field: 'slug', message: `channel name "${slug}" ${slugProblem}` });
  if (problems.length > 0) return { ok: false, problems };
  const channel = await insertChannel(db, { slug, name, kind: request.kind as ChannelKind, municipality, createdBy: request.createdBy });
  if (!channel) return { ok: false, problems: [{ field: 'slug', message: `channel name "${slug}" is already registered` }] };
  return { ok: true, channel };
}

const CHANNEL_KIND_LIST = 'municipality, language-school, contact-person, advisory-council, information-meeting, social-organisation';
