// What the web app's fieldwork pages need from outside: the materials texts (or why they could not be read),
// the public address for links, and the Chromium that prints PDFs. Made once by `serve` from its environment.
import { DEFAULT_CHROMIUM, chromiumPath } from './pdf.ts';
import { publicBase, type PublicBase } from './links.ts';
import { loadMaterials, MaterialsFileError, type Materials } from './materials.ts';

export interface FieldworkDeps {
  /** The study's materials.json, or the error that names what is wrong with it. */
  readonly materials: Materials | MaterialsFileError;
  readonly base: PublicBase;
  readonly chromium: string;
}

/** The fieldwork settings from a study folder and the environment (PERSPECTIEF_BASE_URL, PERSPECTIEF_CHROMIUM). */
export function fieldworkDeps(studyDir: string, env: Readonly<Record<string, string | undefined>>): FieldworkDeps {
  let materials: Materials | MaterialsFileError;
  try {
    materials = loadMaterials(studyDir);
  } catch (error) {
    if (!(error instanceof MaterialsFileError)) throw error;
    materials = error;
  }
  let base: PublicBase;
  try {
    base = publicBase(env);
  } catch {
    base = publicBase({}); // a malformed PERSPECTIEF_BASE_URL: links fall back to localhost, and the pages warn as when unset
  }
  return { materials, base, chromium: chromiumPath(env) || DEFAULT_CHROMIUM };
}
