import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../app/canonical-json.js';

/**
 * The sealed audit log's hashes, as pure functions (the sealer writes them, verification
 * recomputes them):
 *
 * - a leaf per row: SHA-256(0x00 || canonical JSON of the row and its chain position), the
 *   leaf hash of RFC 9162 (Certificate Transparency 2.0), section 2.1.1;
 * - a chain over the leaves, keyed: chain_p = HMAC-SHA-256(key, chain_{p-1} || leaf_p), so a
 *   row cannot be edited, removed or reordered without recomputing every later link, which
 *   needs the key the database does not hold;
 * - a tree head per sealed range: the RFC 9162 Merkle tree hash of the range's leaves, with
 *   the chain hash at its end, signed with the same key. Each head commits (through the
 *   chain) to everything before it; published outside the database, a head proves a later
 *   truncation or rewrite.
 */

export const GENESIS_CHAIN_HASH = '0'.repeat(64);

/** What a leaf commits to: the row as written, and where the sealer placed it. */
export interface SealedEntry {
  position: string;
  seq: string;
  at: Date;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  areaId: string | null;
  requestId: string | null;
  reason: string | null;
  personIds: string[];
  details: Record<string, unknown>;
}

export interface TreeHead {
  firstPosition: string;
  treeSize: string;
  rangeRoot: string;
  chainHash: string;
  sealedAt: Date;
}

export function leafHash(entry: SealedEntry): string {
  return createHash('sha256').update(Buffer.from([0x00])).update(canonicalJson(entry)).digest('hex');
}

export function nextChainHash(key: string, previous: string, leaf: string): string {
  return createHmac('sha256', key).update(previous).update(leaf).digest('hex');
}

/** RFC 9162 section 2.1.1: MTH over leaf hashes (hex), split at the largest power of two below n. */
export function merkleTreeHash(leaves: readonly string[]): string {
  if (leaves.length === 0) return createHash('sha256').digest('hex');
  let level: Buffer[] = leaves.map((leaf) => Buffer.from(leaf, 'hex'));
  // Bottom-up over complete subtrees gives the same root as the recursive definition: a
  // node left without a sibling is carried up unchanged (it is the right-hand subtree).
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let index = 0; index < level.length; index += 2) {
      if (index + 1 === level.length) next.push(level[index]);
      else next.push(createHash('sha256').update(Buffer.from([0x01])).update(level[index]).update(level[index + 1]).digest());
    }
    level = next;
  }
  return level[0].toString('hex');
}

export function signTreeHead(key: string, head: TreeHead): string {
  return createHmac('sha256', key).update('vjs-audit-tree-head\n').update(canonicalJson(head)).digest('hex');
}
