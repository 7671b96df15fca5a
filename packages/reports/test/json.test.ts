import { canonicalize } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { REPORT_JSON_VERSION, renderJson } from '../src/index.ts';
import { generate } from './helpers.ts';

describe('JSON', () => {
  const model = generate('audit-activity', { from: '2024-05-01T00:00:00.000Z', to: '2024-05-08T00:00:00.000Z' });

  it('is canonical JSON (RFC 8785) of the model, tagged with its format and version', () => {
    const text = new TextDecoder().decode(renderJson(model));
    expect(JSON.parse(text)).toEqual({ format: 'steward.report', version: REPORT_JSON_VERSION, ...model });
    expect(canonicalize(JSON.parse(text))).toBe(text);
    expect(text.startsWith('{"filters":{')).toBe(true);
  });

  it('gives the same bytes for the same report however it was built', () => {
    const again = generate('audit-activity', { from: '2024-05-01T00:00:00.000Z', to: '2024-05-08T00:00:00.000Z' });
    const shuffled = { ...again, sections: again.sections.map((s) => ({ chart: s.chart, table: s.table, summary: s.summary, title: s.title, id: s.id })) };
    expect(renderJson(shuffled)).toEqual(renderJson(model));
  });
});
