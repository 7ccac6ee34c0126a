import { describe, expect, it } from 'vitest';
import { quote, relationshipsAmong, type QueryFn } from './relationshipsAmong.ts';

describe('relationshipsAmong', () => {
  it('queries sources in chunks, follows continuation tokens and keeps edges inside the set', async () => {
    const seen: string[] = [];
    const rels = [
      { $relationshipId: 'a', $sourceId: 'A', $targetId: 'B', $relationshipName: 'r', $etag: '' },
      { $relationshipId: 'b', $sourceId: 'B', $targetId: 'Z', $relationshipName: 'r', $etag: '' },
      { $relationshipId: 'c', $sourceId: "O'Neil", $targetId: 'A', $relationshipName: 'r', $etag: '' },
    ];
    const q: QueryFn = async (text, opts) => {
      seen.push(`${text}|${opts.continuationToken ?? ''}`);
      const matching = rels.filter((r) => text.includes(quote(r.$sourceId)));
      if (!opts.continuationToken) return { ok: true, value: { value: matching.slice(0, 1), continuationToken: matching.length > 1 ? 't' : null } };
      return { ok: true, value: { value: matching.slice(1), continuationToken: null } };
    };
    const out = await relationshipsAmong(q, ['A', 'B', "O'Neil"], new Set(), 2);
    expect(out.map((r) => r.$relationshipId)).toEqual(['a', 'c']);
    expect(seen).toEqual([
      "SELECT * FROM RELATIONSHIPS R WHERE R.$sourceId IN ['A', 'B']|",
      "SELECT * FROM RELATIONSHIPS R WHERE R.$sourceId IN ['A', 'B']|t",
      "SELECT * FROM RELATIONSHIPS R WHERE R.$sourceId IN ['O\\'Neil']|",
    ]);
  });
});

describe('relationshipsAmong with twins already on the canvas', () => {
  it('adds edges to and from the shown twins, each once', async () => {
    const rels = [
      { $relationshipId: 'in', $sourceId: 'Old', $targetId: 'A', $relationshipName: 'r', $etag: '' },
      { $relationshipId: 'out', $sourceId: 'A', $targetId: 'Old', $relationshipName: 'r', $etag: '' },
      { $relationshipId: 'self', $sourceId: 'A', $targetId: 'B', $relationshipName: 'r', $etag: '' },
      { $relationshipId: 'elsewhere', $sourceId: 'Far', $targetId: 'B', $relationshipName: 'r', $etag: '' },
    ];
    const q: QueryFn = async (text) => {
      const bySource = text.includes('$sourceId');
      const value = rels.filter((r) => text.includes(quote(bySource ? r.$sourceId : r.$targetId)));
      return { ok: true, value: { value, continuationToken: null } };
    };
    const out = await relationshipsAmong(q, ['A', 'B'], new Set(['Old']));
    expect(out.map((r) => r.$relationshipId).sort()).toEqual(['in', 'out', 'self']);
  });
});
