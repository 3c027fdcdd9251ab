import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../app/canonical-json.js';
import { GENESIS_CHAIN_HASH, leafHash, merkleTreeHash, nextChainHash, signTreeHead, type SealedEntry } from './audit-chain.js';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const node = (left: Buffer, right: Buffer) => sha(Buffer.from([1]), left, right);

/** RFC 9162's recursive definition, written out, to check the iterative one against. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const entry = (position: number): SealedEntry => ({
  position: String(position),
  seq: String(position * 3),
  at: new Date('2026-11-23T10:00:00Z'),
  actorUserId: null,
  actorRole: 'caseworker',
  actorOrganisationId: null,
  action: 'read',
  entityType: 'journey',
  entityId: 'j1',
  areaId: null,
  requestId: 'r1',
  reason: null,
  personIds: ['p1'],
  details: { b: 1, a: 2 },
});

describe('the audit chain’s hashes', () => {
  it('computes RFC 9162 Merkle tree hashes for every size up to 33', () => {
    for (let size = 0; size <= 33; size += 1) {
      const leaves = Array.from({ length: size }, (_, index) => leafHash(entry(index + 1)));
      expect(merkleTreeHash(leaves)).toBe(mth(leaves.map((leaf) => Buffer.from(leaf, 'hex'))).toString('hex'));
    }
  });

  it('prefixes leaves with 0x00, so a leaf can never pass for an inner node', () => {
    const one = entry(1);
    expect(leafHash(one)).toBe(sha(Buffer.from([0]), Buffer.from(canonicalJson(one))).toString('hex'));
  });

  it('keys the chain and the heads: another key gives other hashes, any change of a row another leaf', () => {
    const leaf = leafHash(entry(1));
    expect(nextChainHash('key-one-0123456789abcdef0123456789', GENESIS_CHAIN_HASH, leaf)).not.toBe(
      nextChainHash('key-two-0123456789abcdef0123456789', GENESIS_CHAIN_HASH, leaf),
    );
    expect(leafHash({ ...entry(1), personIds: [] })).not.toBe(leaf);
    expect(leafHash({ ...entry(1), position: '2' })).not.toBe(leaf);
    const head = { firstPosition: '1', treeSize: '1', rangeRoot: leaf, chainHash: GENESIS_CHAIN_HASH, sealedAt: new Date(0) };
    expect(signTreeHead('k'.repeat(32), head)).not.toBe(signTreeHead('k'.repeat(32), { ...head, treeSize: '2' }));
  });
});
