import { loadSettings } from '../../src/engine/config';
import { REGISTRY } from '../../src/engine/registry';
import { HOOK_SCHEMA, resolveRef } from '../../src/engine/schema';

/** The schema's typeConfiguration defines the settings; the model's `Settings` type must describe exactly them. */
describe('Settings and the schema agree', () => {
  const settings = loadSettings({}, REGISTRY.ids, { accountId: '111111111111' }) as unknown as Record<string, unknown>;
  const properties = HOOK_SCHEMA.typeConfiguration.properties;

  it('the same property names', () => {
    expect(Object.keys(settings).sort()).toEqual(Object.keys(properties).sort());
  });

  it.each(Object.keys(HOOK_SCHEMA.typeConfiguration.properties))('%s has the schema type', (name) => {
    const schema = resolveRef(properties[name]);
    const value = settings[name];
    const type = schema.type;
    if (type === 'array') expect(Array.isArray(value)).toBe(true);
    else if (type === 'integer' || type === 'number') expect(typeof value).toBe('number');
    else if (type === 'string') expect(typeof value).toBe('string');
    else throw new Error(`${name}: schema type ${String(type)} is not handled by this test`);
  });
});
