/**
 * Registers main's IPC handlers: exactly the channels of the shared
 * contract, each guarded the same way — the message must come from the
 * app's own page in a top-level frame, and its payload must parse —
 * before the handler sees it. Handlers get typed requests, never `unknown`.
 */
import { IPC, type ChannelKey, type RequestOf, type ResponseOf } from '../shared/ipc-contract.ts';

/** The part of an `IpcMainInvokeEvent` the guard reads. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of `ipcMain` used here. */
export interface IpcMainLike<Event> {
  handle(channel: string, listener: (event: Event, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type Handlers<Event extends InvokeEvent> = {
  readonly [K in ChannelKey]: (request: RequestOf<K>, event: Event) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

/** True for a message from the app's own page, in its main frame (never an iframe). */
export function isTrustedSender(event: InvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** Registers every handler; returns a function that removes them all. */
export function registerIpcHandlers<Event extends InvokeEvent>(ipcMain: IpcMainLike<Event>, isAppUrl: (url: string) => boolean, handlers: Handlers<Event>): () => void {
  const keys = Object.keys(IPC) as ChannelKey[];
  for (const key of keys) {
    const channel = IPC[key];
    const handler = handlers[key] as (request: unknown, event: Event) => Promise<unknown>;
    ipcMain.handle(channel.name, async (event: Event, payload: unknown) => {
      if (!isTrustedSender(event, isAppUrl)) throw new UntrustedSenderError(`${channel.name} refused: the message did not come from Steward's own page`);
      return handler(channel.request.parse(payload), event);
    });
  }
  return () => {
    for (const key of keys) ipcMain.removeHandler(IPC[key].name);
  };
}
