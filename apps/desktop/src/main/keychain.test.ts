import { describe, expect, it } from 'vitest';
import { keychainProtects } from './keychain.ts';
import { fakeKeychain } from './test-fakes.ts';

describe('keychainProtects', () => {
  it('trusts the keychain where Electron says encryption is available', async () => {
    expect(await keychainProtects(fakeKeychain(), 'darwin')).toBe(true);
    expect(await keychainProtects(fakeKeychain(), 'win32')).toBe(true);
    expect(await keychainProtects(fakeKeychain({ backend: 'kwallet6' }), 'linux')).toBe(true);
  });

  it("refuses Linux's basic_text fallback (a key built into Chromium) and an unavailable keychain", async () => {
    expect(await keychainProtects(fakeKeychain({ backend: 'basic_text' }), 'linux')).toBe(false);
    expect(await keychainProtects(fakeKeychain({ backend: 'unknown' }), 'linux')).toBe(false);
    expect(await keychainProtects(fakeKeychain({ available: false }), 'darwin')).toBe(false);
  });
});
