/**
 * VERIFY.md, the plain-language guide inside every bundle: what each file
 * is and how to check it with steward-verify or with stock tools alone.
 * The commands are the ones test/stock-tools.test.ts runs.
 */
import { FILES } from './layout.ts';

export interface GuideFacts {
  readonly eventCount: number;
  readonly unproven: number;
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly origin: string;
  readonly treeSize: number;
  readonly serverKeyId: string;
  readonly deviceName: string;
  readonly hasReport: boolean;
  readonly attested: boolean;
}

export function formatVerifyGuide(f: GuideFacts): string {
  const proven = f.eventCount - f.unproven;
  return `# How to verify this evidence bundle

This bundle holds ${f.eventCount} audit events of tenant \`${f.tenantId}\` that
occurred from ${f.from} (inclusive) to ${f.to} (exclusive), as recorded by a
Steward server. ${proven} of them are proven to be in the server's signed audit
ledger (${f.origin}, ${f.treeSize} entries)${f.unproven > 0 ? `; ${f.unproven} are NOT yet proven and are listed under "unproven" in manifest.json` : ''}.
It was assembled and signed by the device "${f.deviceName}".

You do not need to trust Steward, the device or whoever sent you this file:
every claim below can be checked with the server's public key alone. Get
that key (or its ID, \`${f.serverKeyId}\`) from the organisation that runs the
server, by a channel other than this bundle, and compare it with
\`${FILES.serverKey}\`.

## The files

| file | what it is |
| --- | --- |
| \`${FILES.events}\` | the events, one per line, each exactly the bytes the ledger hashed (RFC 8785 canonical JSON) |
| \`${FILES.csv}\` | the same events as a spreadsheet, in the same order, with each event's ledger index |
${f.hasReport ? `| \`${FILES.report}\` | the report that goes with these events |\n` : ''}| \`${FILES.proofs}\` | for every proven event, its position in the ledger and the hashes that lead from it to the checkpoint's root (RFC 9162 inclusion proof) |
| \`${FILES.checkpoint}\` | the ledger's size and root hash, signed by the server key (a C2SP signed note) |
${f.attested ? `| \`${FILES.scope}\`, \`${FILES.scopeSig}\` | the server's signed statement of which ledger entries are this tenant's events in this period: the list the bundle must match, so none can be left out |\n` : ''}| \`${FILES.manifest}\` | what was exported, when, by which device, and the SHA-256 of every file |
| \`${FILES.manifestSig}\` | the device's Ed25519 signature of manifest.json (64 raw bytes) |
| \`${FILES.deviceCert}\`, \`${FILES.deviceCertSig}\` | the server's certificate that the signing key belongs to an enrolled device of a user (or is an API key's export key), valid from \`issuedAt\` until \`expiresAt\`, and the server's signature of it |
| \`${FILES.serverKey}\`, \`${FILES.deviceKey}\` | the server's and the device's public keys (PEM) |
| \`${FILES.sums}\` | SHA-256 of every file, for \`sha256sum -c\` |

## With steward-verify

    steward-verify bundle.zip
    steward-verify --server-key server.pub.pem bundle.zip   # also pin the key you obtained yourself

It prints one PASS or FAIL line per check and exits with status 0 only if
every check passed.

## With stock tools (OpenSSL 3.0 or newer, coreutils)

Unzip the bundle into an empty directory and run these there.

1. Every file is intact:

       sha256sum -c SHA256SUMS

2. The device signed the manifest (which lists every file's hash):

       openssl pkeyutl -verify -pubin -inkey ${FILES.deviceKey} -rawin -in ${FILES.manifest} -sigfile ${FILES.manifestSig}

3. The server certified that device key (compare \`devicePublicKey\` in
   device-cert.json with the key in ${FILES.deviceKey}):

       openssl pkeyutl -verify -pubin -inkey ${FILES.serverKey} -rawin -in ${FILES.deviceCert} -sigfile ${FILES.deviceCertSig}

4. The server signed the checkpoint. Its first three lines are the signed
   text; the last line's third field is base64 of a 4-byte key ID and the
   64-byte signature:

       head -n 3 checkpoint > checkpoint.txt
       tail -n 1 checkpoint | cut -d' ' -f3 | base64 -d | tail -c 64 > checkpoint.sig
       openssl pkeyutl -verify -pubin -inkey ${FILES.serverKey} -rawin -in checkpoint.txt -sigfile checkpoint.sig
${f.attested ? `
5. The server signed the scope statement:

       openssl pkeyutl -verify -pubin -inkey ${FILES.serverKey} -rawin -in ${FILES.scope} -sigfile ${FILES.scopeSig}
` : ''}
Each \`openssl\` command prints "Signature Verified Successfully" when the
signature is good.

### One event by hand

An event's leaf hash is SHA-256 of a zero byte followed by its line:

    sed -n '1p' ${FILES.events} | tr -d '\\n' | (printf '\\000'; cat) | sha256sum

It must equal that event's \`leafHash\` in proofs.json (base64; convert with
\`echo HASH | base64 -d | od -An -tx1 | tr -d ' \\n'\`). The proof's hashes are
\`nodes[n]\` for each number n in its \`path\`. Starting from the leaf hash,
combine it with each proof hash in turn as RFC 9162 section 2.1.3.2 says,
each step being SHA-256 of a 0x01 byte, the left hash and the right hash:

    (printf '\\001'; cat left.bin right.bin) | sha256sum

and the last result must be the root hash on line 3 of \`checkpoint\`.

## What a pass means

The events are exactly what the server's ledger recorded; the ledger that
contains them is the one the server signed; ${f.attested ? 'no event of this tenant and period that the ledger held at that size was left out; ' : 'completeness is NOT attested (this bundle was made without the server), so events may be missing; '}and
the bundle was assembled by a device the server enrolled. To know the
ledger was not rewritten later, compare this checkpoint with a later one
from the server (a consistency proof, \`ledger.consistencyProof\`).
`;
}
