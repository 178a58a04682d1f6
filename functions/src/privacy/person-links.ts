import { newId } from '../lib/ids';
import { logger } from '../lib/logger';
import { getLinks, personMembers, putLink, putOptOuts } from '../data/privacy-repo';

/**
 * A person, as far as a brand can tell: the keyed hashes of the identifiers (openid, unionid, phone)
 * that some trigger carried together. Each hash has one link item (→ person id); a person's hashes
 * are a Query on the links' gsi2. Only a trigger with two or more identifiers writes links (and only
 * the first time it sees them together); a trigger with one identifier reads and writes nothing here.
 *
 * Merge: when the identifiers of one trigger belong to two known persons, they are one person. The
 * smallest person id (ULIDs: the oldest) survives; every hash of the others is re-pointed to it.
 * A link only ever moves to a smaller id (conditional put), so two merges racing on the same persons
 * end at the same person, and a re-run repeats nothing. A hash left behind by a crash half-way is
 * re-pointed by the next trigger that carries it with another identifier of the person.
 */
export async function linkTriggerIdentifiers(brandId: string, hashes: string[], links: Map<string, string>, optedOut: boolean, now: Date): Promise<void> {
  if (hashes.length < 2) return;
  const persons = [...new Set(hashes.flatMap((h) => (links.has(h) ? [links.get(h) as string] : [])))].sort();
  const target = persons[0] ?? newId(now.getTime());
  const alreadyOne = persons.length === 1 && hashes.every((h) => links.get(h) === target);
  if (!alreadyOne) {
    const merged = await Promise.all(persons.slice(1).map((p) => personMembers(brandId, p)));
    const moving = [...new Set([...hashes.filter((h) => links.get(h) !== target), ...merged.flat()])];
    const pointed = await Promise.all(moving.map((h) => putLink(brandId, h, target, now)));
    if (pointed.some((ok) => !ok)) logger.warn('a person link already names an older person; the next trigger completes the merge', { brandId });
  }
  // An opted-out customer showing a new identifier: that identifier is opted out too, and so is
  // every identifier of the person it was merged with.
  if (optedOut) await putOptOuts(brandId, await personHashes(brandId, hashes), now);
}

/** Every hash of the person (or persons) these hashes are linked to, and these hashes themselves. */
export async function personHashes(brandId: string, hashes: string[]): Promise<string[]> {
  const links = await getLinks(brandId, hashes);
  const persons = [...new Set(links.values())];
  const members = await Promise.all(persons.map((p) => personMembers(brandId, p)));
  return [...new Set([...hashes, ...members.flat()])];
}
