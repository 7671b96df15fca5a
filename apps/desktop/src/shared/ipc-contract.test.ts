import { describe, expect, it } from 'vitest';
import { safeFileName } from './file-name.ts';
import { IPC, IpcInputError, MAX_SIGN_BYTES } from './ipc-contract.ts';

describe('IPC contract parsers', () => {
  it('accepts well-formed requests and returns only the known fields', () => {
    expect(IPC.saveFile.request.parse({ suggestedName: 'a.zip', bytes: new Uint8Array([1]), mime: 'application/zip' })).toEqual({ suggestedName: 'a.zip', bytes: new Uint8Array([1]), mime: 'application/zip' });
    expect(IPC.setSecret.request.parse({ key: 'steward.session', value: '' })).toEqual({ key: 'steward.session', value: '' });
    expect(IPC.loadSecrets.request.parse(undefined)).toBeUndefined();
    expect(IPC.loadSecrets.request.parse(null)).toBeUndefined();
  });

  it('refuses unknown and missing fields, and payloads where none is expected', () => {
    expect(() => IPC.saveFile.request.parse({ suggestedName: 'a.zip', bytes: new Uint8Array([1]), mime: 'application/zip', path: '/etc/passwd' })).toThrow(IpcInputError);
    expect(() => IPC.saveFile.request.parse({ suggestedName: 'a.zip', mime: 'application/zip' })).toThrow(/the save request is not valid/);
    expect(() => IPC.loadSecrets.request.parse({ all: true })).toThrow(IpcInputError);
    expect(() => IPC.saveFile.request.parse({ suggestedName: 'a.zip', bytes: [1, 2], mime: 'application/zip' })).toThrow(/Uint8Array/);
    expect(() => IPC.removeDeviceKey.request.parse({ id: '../../etc' })).toThrow(/expected form/);
  });

  it('refuses secret names outside the steward. namespace, in requests and in answers', () => {
    expect(() => IPC.setSecret.request.parse({ key: '__proto__', value: 'x' })).toThrow(IpcInputError);
    expect(() => IPC.loadSecrets.response.parse({ persistent: true, values: { other: 'x' } })).toThrow(/Invalid key in record/);
    expect(() => IPC.loadSecrets.response.parse({ persistent: true, values: ['steward.session'] })).toThrow(/expected record/);
    expect(IPC.loadSecrets.response.parse({ persistent: false, values: { 'steward.session': 't' } })).toEqual({ persistent: false, values: { 'steward.session': 't' } });
  });

  it('bounds what may be signed and what a signature and public key are', () => {
    expect(() => IPC.signWithDeviceKey.request.parse({ id: 'k', bytes: new Uint8Array(MAX_SIGN_BYTES + 1) })).toThrow(/larger than/);
    expect(() => IPC.signWithDeviceKey.response.parse(new Uint8Array(63))).toThrow(/64 bytes/);
    expect(() => IPC.loadDeviceKey.response.parse({ id: 'k', publicKey: new Uint8Array(33) })).toThrow(/32 bytes/);
    expect(IPC.loadDeviceKey.response.parse(null)).toBeNull();
  });

  it('refuses a save answer with a location but no path text', () => {
    expect(() => IPC.saveFile.response.parse({ saved: true, location: '' })).toThrow(/characters/);
    expect(() => IPC.saveFile.response.parse({ saved: 'yes', location: null })).toThrow(/expected boolean/);
  });
});

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system.ini', 'system.ini'],
    ['.bashrc', 'bashrc'],
    ['a<b>c:d"e|f?g*h.csv', 'a_b_c_d_e_f_g_h.csv'],
    ['line\nbreak.txt', 'line_break.txt'],
    ['', 'steward-export'],
    ['///', 'steward-export'],
    ['..', 'steward-export'],
  ])('%j → %j', (suggested, expected) => {
    expect(safeFileName(suggested)).toBe(expected);
  });

  it('keeps names to 200 characters', () => {
    expect(safeFileName(`${'a'.repeat(300)}.zip`)).toHaveLength(200);
  });
});
