/**
 * The server's signed scope statement for an export (scope.json in the
 * bundle): "in the ledger of treeSize leaves with this root, the events of
 * this tenant, period and filters are exactly the leaves `indexes`, and this
 * export may be signed by key `signer`". The text is @steward/evidence's
 * format (scopeStatementText, the one its verifier parses); it is signed
 * with Ed25519 by the server key — the key that signs checkpoints and
 * device certificates — so steward-verify and `openssl pkeyutl -verify`
 * check it with keys/server.pub.pem.
 */
import { encodeBase64, encodeUtf8, signEd25519 } from '@steward/domain';
import { scopeStatementText, type DeviceCertificateClaims } from '@steward/evidence';
import type { ServerKey } from '../keys/server-key.ts';
import type { Principal } from '../sync/principal.ts';
import { actorIdOf } from '../sync/principal.ts';
import type { ResolvedScope } from './scope.ts';

export interface SignedScopeStatement {
  /** The canonical JSON that was signed. */
  readonly statement: string;
  /** base64 Ed25519 signature of the statement's UTF-8 bytes. */
  readonly signature: string;
}

export async function signScopeStatement(
  key: Pick<ServerKey, 'privateKey' | 'keyId' | 'name'>,
  scope: ResolvedScope,
  checkpoint: { readonly treeSize: number; readonly rootHash: string },
  indexes: readonly number[],
  requestedBy: Principal,
  signer: Pick<DeviceCertificateClaims, 'deviceId' | 'devicePublicKey'>,
  issuedAt: string,
): Promise<SignedScopeStatement> {
  const statement = scopeStatementText({
    tenantId: scope.tenantId,
    from: scope.from,
    to: scope.to,
    filters: scope.filters,
    origin: key.name,
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    serverKeyId: key.keyId,
    indexes,
    issuedAt,
    requestedBy: { type: requestedBy.kind === 'user' ? 'user' : 'apiKey', id: actorIdOf(requestedBy) },
    signer: { deviceId: signer.deviceId, publicKey: signer.devicePublicKey },
  });
  return { statement, signature: encodeBase64(await signEd25519(key.privateKey, encodeUtf8(statement))) };
}
