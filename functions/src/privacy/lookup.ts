import type { PersonLookup } from '@xinsheng/shared';
import { customerHashes } from '../triggers/create-invitation';

/** The keyed hash of the one identifier an admin asked with (the same hash a trigger's identifier gets). */
export const lookupHashes = (lookup: PersonLookup): string[] => customerHashes(lookup);
