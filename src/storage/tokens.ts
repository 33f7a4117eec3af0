// Secrets handed to people (respondent links, session cookies) are random and stored only as sha256 hashes.
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (bytes = 24): string => randomBytes(bytes).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
