// Channel names (slugs): the text a response carries in `channel` and a link in `?kanaal=`. The pattern and
// the reserved prefixes are the respondent pages' rules (web/respondent/common.ts reads links with the same
// ones), so a registered channel's link is always accepted.

/** Lower-case letters, digits and dashes, at most 40. */
export const CHANNEL_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Channels the system sets itself: demo data and group sessions. A link or a registered channel cannot claim them. */
export const RESERVED_CHANNEL_PREFIX = /^(demo-|sessie-)/;

/** Channel names the system gives responses without a channel of their own. */
export const SYSTEM_CHANNELS: readonly string[] = ['web', 'duo-brief', 'groepssessie'];

/** Why a name cannot be a registered channel, or null when it can. */
export function channelNameProblem(slug: string): string | null {
  if (!CHANNEL_PATTERN.test(slug)) return 'takes 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit';
  if (RESERVED_CHANNEL_PREFIX.test(slug)) return 'may not start with demo- or sessie- (the system names demo data and group sessions so)';
  if (SYSTEM_CHANNELS.includes(slug)) return `is one of the system's own channels (${SYSTEM_CHANNELS.join(', ')})`;
  return null;
}

/** A channel name made from a free text ("Taalschool Leeuwarden" → "taalschool-leeuwarden"). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug;
}
