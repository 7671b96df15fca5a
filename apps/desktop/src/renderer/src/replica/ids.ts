/** Ids for documents this device creates: UUIDv7 (time-ordered), from the domain's generator. */
import { uuidv7Generator } from '@steward/domain';

export const newDocumentId: () => string = uuidv7Generator(
  () => Date.now(),
  (bytes) => {
    bytes.set(crypto.getRandomValues(new Uint8Array(bytes.length)));
    return bytes;
  },
);
