import { COLLECTIONS, parseDocument, type CollectionName } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { world } from './world.ts';

describe('the hand-made world', () => {
  it('holds only documents the domain schemas accept', () => {
    for (const [collection, docs] of Object.entries(world)) {
      expect(COLLECTIONS).toContain(collection);
      for (const doc of docs as unknown[]) {
        const parsed = parseDocument(collection as CollectionName, doc);
        expect(parsed.ok ? 'valid' : parsed.error.message).toBe('valid');
      }
    }
  });
});
